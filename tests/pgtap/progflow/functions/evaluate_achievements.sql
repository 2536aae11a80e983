-- progflow.evaluate_achievements(p_user_id uuid) returns setof text
begin;
select plan(9);

select has_function('progflow', 'evaluate_achievements', array['uuid'], 'evaluate_achievements(uuid) should exist');
select function_returns('progflow', 'evaluate_achievements', array['uuid'], 'setof text', 'it should return slugs');
select tests.load_catalogue();
select tests.create_user('ada');

select is_empty($$select * from progflow.evaluate_achievements(tests.user_id('ada'))$$, 'a new user should unlock nothing');
select progflow.award_xp(tests.user_id('ada'), 975, 'admin');
update progflow.user_stats set total_levels_completed = 1 where user_id = tests.user_id('ada');
select results_eq($$select * from progflow.evaluate_achievements(tests.user_id('ada'))$$,
                  array['first_level', 'xp_1000'],
                  'one level should unlock first_level, whose 25 XP then reach 1,000 for xp_1000');
select results_eq($$select amount, source_type::text from progflow.xp_transactions
                    where user_id = tests.user_id('ada') and source_type = 'achievement'$$,
                  $$values (25, 'achievement')$$, 'first_level''s XP should be one achievement ledger row');
select results_eq($$select title::text from progflow.notifications where user_id = tests.user_id('ada')
                    and type = 'achievement' order by title$$,
                  array['Achievement unlocked: First Level', 'Achievement unlocked: XP Collector'],
                  'each unlock should be notified once');
select is_empty($$select * from progflow.evaluate_achievements(tests.user_id('ada'))$$, 'a second call should unlock nothing');

update progflow.user_stats set perfect_levels = 1 where user_id = tests.user_id('ada');  -- as submit_level_attempt keeps it
select results_eq($$select * from progflow.evaluate_achievements(tests.user_id('ada'))$$, array['perfectionist'],
                  'a level passed with 100 should unlock perfectionist');
select throws_ok($$select * from progflow.evaluate_achievements('00000000-0000-0000-0000-000000000999')$$, 'P0002', null,
                 'an unknown user should be P0002');

select * from finish();
rollback;
