-- progflow.check_and_unlock_challenges(p_user_id uuid) returns setof uuid
begin;
select plan(12);

select has_function('progflow', 'check_and_unlock_challenges', array['uuid'], 'check_and_unlock_challenges(uuid) should exist');
select function_returns('progflow', 'check_and_unlock_challenges', array['uuid'], 'setof uuid', 'it should return a set of ids');
select tests.load_catalogue();
select tests.create_user('ada');

select is_empty($$select * from progflow.check_and_unlock_challenges(tests.user_id('ada'))$$,
                'nothing new should be unlocked right after sign-up');
select tests.set_completed('ada', 'a');
select results_eq($$select * from progflow.check_and_unlock_challenges(tests.user_id('ada'))$$,
                  array['00000000-0000-0000-0000-0000000000c2'::uuid], 'completing a should unlock b, and only b');
select is_empty($$select * from progflow.check_and_unlock_challenges(tests.user_id('ada'))$$,
                'a second call should unlock nothing');

select progflow.refresh_track_progress(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000b1');
select results_eq($$select * from progflow.check_and_unlock_challenges(tests.user_id('ada'))$$,
                  array['00000000-0000-0000-0000-0000000000c4'::uuid], 'fundamentals at 50 % should unlock d');

update progflow.challenges set is_active = false where slug = 'c';
update progflow.user_stats set current_level = 3 where user_id = tests.user_id('ada');
select is_empty($$select * from progflow.check_and_unlock_challenges(tests.user_id('ada'))$$,
                'a retired challenge should never be unlocked');
update progflow.challenges set is_active = true where slug = 'c';
select results_eq($$select * from progflow.check_and_unlock_challenges(tests.user_id('ada'))$$,
                  array['00000000-0000-0000-0000-0000000000c3'::uuid], 'player level 3 should unlock c');

select results_eq($$select title::text from progflow.notifications
                    where user_id = tests.user_id('ada') and type = 'challenge_unlock' order by created_at, title$$,
                  array['Challenge unlocked: Challenge A', 'Challenge unlocked: Challenge B',
                        'Challenge unlocked: Challenge C', 'Challenge unlocked: Challenge D'],
                  'each unlock should be notified exactly once');
select is((select count(*)::int from progflow.user_challenge_progress where user_id = tests.user_id('ada')
            and unlock_date is not null), 4, 'four challenges should be unlocked in all');
select throws_ok($$select * from progflow.check_and_unlock_challenges('00000000-0000-0000-0000-000000000999')$$,
                 'P0002', null, 'an unknown user should be P0002');
select throws_ok('select * from progflow.check_and_unlock_challenges(null)', '22023', null, 'a NULL user should be refused');

select * from finish();
rollback;
