-- progflow.revealed_hints(p_user_id uuid, p_challenge_id uuid, p_level_number integer)
--   returns table (hint_number integer, hint text)
-- docs/rules.md, What a learner earns: what was revealed can be shown again, nothing more.
begin;
select plan(7);

select has_function('progflow', 'revealed_hints', array['uuid', 'uuid', 'integer'], 'revealed_hints should exist');
select volatility_is('progflow', 'revealed_hints', array['uuid', 'uuid', 'integer'], 'stable',
                     'revealed_hints should be stable: it records nothing');
select tests.load_catalogue();
select tests.create_user('ada');

select is_empty($$select * from progflow.revealed_hints(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1)$$,
                'before any hint is used, none should be shown');
select null from progflow.use_hint(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1);
select null from progflow.use_hint(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1);
select results_eq($$select * from progflow.revealed_hints(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1)$$,
                  $$values (1, 'h1'), (2, 'h2')$$, 'the two hints revealed should be shown again, in order');
select is((select count(*)::int from progflow.hint_usage), 2, 'showing them again should record nothing');
update progflow.challenge_levels set solution_approach = 'Cache the reads.'
 where challenge_id = '00000000-0000-0000-0000-0000000000c1' and level_number = 1;
select null from progflow.level_solution(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1);
select results_eq($$select hint from progflow.revealed_hints(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1)$$,
                  array['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'],
                  'once the solution recorded every hint, all of them should be shown (a hint written as {"text": …} by its text)');
select throws_ok($$select * from progflow.revealed_hints(tests.user_id('ada'), null, 1)$$, '22023', null,
                 'a NULL challenge should be 22023');

select * from finish();
rollback;
