-- progflow.user_challenge_status(p_user_id uuid) returns table (…, status, levels jsonb)
begin;
select plan(5);

select has_function('progflow', 'user_challenge_status', array['uuid'], 'user_challenge_status should exist');
select tests.load_catalogue();
select tests.create_user('ada');

select results_eq($$select slug, status, current_level from progflow.user_challenge_status(tests.user_id('ada'))$$,
                  $$values ('a', 'unlocked', 0), ('b', 'locked', 0), ('c', 'locked', 0), ('d', 'locked', 0)$$,
                  'every active challenge should be listed in course order with its status');
select results_eq($$select jsonb_path_query_array(levels, '$[*].open') from progflow.user_challenge_status(tests.user_id('ada'))
                    where slug = 'a'$$, $$values ('[true, false, false, false, false]'::jsonb)$$,
                  'only level 1 of an unlocked challenge should be open');
select tests.submit('ada', 'a', 1, 90);
select results_eq($$select status, levels_completed, levels -> 0 ->> 'completed', levels -> 1 ->> 'open'
                      from progflow.user_challenge_status(tests.user_id('ada')) where slug = 'a'$$,
                  $$values ('in_progress', '{1}'::integer[], 'true', 'true')$$,
                  'passing level 1 should make it in progress, with level 2 open');
select throws_ok($$select * from progflow.user_challenge_status('00000000-0000-0000-0000-000000000999')$$, 'P0002', null,
                 'an unknown user should be P0002');

select * from finish();
rollback;
