-- progflow.level_solution(p_user_id uuid, p_challenge_id uuid, p_level_number integer)
--   returns table (solution_approach text, hints_recorded integer)
-- docs/rules.md, What a learner earns: free once completed, otherwise every hint recorded.
begin;
select plan(14);

select has_function('progflow', 'level_solution', array['uuid', 'uuid', 'integer'], 'level_solution should exist');
select is_definer('progflow', 'level_solution', array['uuid', 'uuid', 'integer'],
                  'level_solution should run as the owner (no role reads the column)');
select tests.load_catalogue();
update progflow.challenge_levels set solution_approach = 'Cache the reads.'
 where challenge_id = '00000000-0000-0000-0000-0000000000c1' and level_number in (1, 2);
select tests.create_user('ada');
select tests.create_user('bob');

select null from progflow.use_hint(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1);
select results_eq($$select * from progflow.level_solution(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1)$$,
                  $$values ('Cache the reads.', 6)$$,
                  'before the level is completed, the solution should record the six hints not yet used');
select is((select array_agg(hint_number order by hint_number) from progflow.hint_usage where user_id = tests.user_id('ada')),
          array[1, 2, 3, 4, 5, 6, 7], 'every hint of the level should then be recorded as used, once');
select results_eq($$select hints_recorded from progflow.level_solution(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1)$$,
                  array[0], 'reading it again should record nothing more');
select is((select xp_earned from tests.submit('ada', 'a', 1, 80)), 55,
          'the first pass after it should earn what a fully hinted pass earns: floor(100 × 1.0 × 0.5 × 1.1)');
select results_eq($$select * from progflow.level_solution(tests.user_id('bob'), '00000000-0000-0000-0000-0000000000c1', 1)$$,
                  $$values ('Cache the reads.', 7)$$, 'another user pays for it on their own');
select null from tests.submit('bob', 'a', 1, 100);
select results_eq($$select * from progflow.level_solution(tests.user_id('bob'), '00000000-0000-0000-0000-0000000000c1', 2)$$,
                  $$values ('Cache the reads.', 2)$$, 'an open level not yet completed should cost its hints');
select null from tests.submit('bob', 'a', 2, 100);
select results_eq($$select * from progflow.level_solution(tests.user_id('bob'), '00000000-0000-0000-0000-0000000000c1', 2)$$,
                  $$values ('Cache the reads.', 0)$$, 'once the level is completed, its solution should be free');
select is((select count(*)::int from progflow.hint_usage where user_id = tests.user_id('bob') and level_number = 2), 2,
          'and record nothing');
select results_eq($$select * from progflow.level_solution(tests.user_id('bob'), '00000000-0000-0000-0000-0000000000c1', 3)$$,
                  $$values (null::text, 0)$$, 'a level without a solution approach should cost nothing');
select is((select count(*)::int from progflow.hint_usage where user_id = tests.user_id('bob') and level_number = 3), 0,
          'and record no hint');
select throws_ok($$select * from progflow.level_solution(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c2', 1)$$,
                 'PF001', null, 'the solution of a locked challenge should be PF001');
select throws_ok($$select * from progflow.level_solution(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 3)$$,
                 'PF002', null, 'the solution of a locked level should be PF002');

select * from finish();
rollback;
