-- progflow.calculate_level_from_xp(total_xp integer) returns integer
begin;
select plan(14);

select has_function('progflow', 'calculate_level_from_xp', array['integer'], 'calculate_level_from_xp(integer) should exist');
select function_returns('progflow', 'calculate_level_from_xp', array['integer'], 'integer', 'it should return integer');
select volatility_is('progflow', 'calculate_level_from_xp', array['integer'], 'immutable', 'it should be immutable');
select is(progflow.calculate_level_from_xp(-50), 1, 'negative XP should be level 1');
select is(progflow.calculate_level_from_xp(0), 1, '0 XP should be level 1');
select is(progflow.calculate_level_from_xp(99), 1, '99 XP should still be level 1');
select is(progflow.calculate_level_from_xp(100), 2, '100 XP should be level 2');
select is(progflow.calculate_level_from_xp(299), 2, '299 XP should be level 2');
select is(progflow.calculate_level_from_xp(300), 3, '300 XP should be level 3');
select is(progflow.calculate_level_from_xp(4499), 9, '4,499 XP should be level 9');
select is(progflow.calculate_level_from_xp(4500), 10, '4,500 XP should be level 10');
select is(progflow.calculate_level_from_xp(null), null, 'NULL XP should give NULL');
select is_empty($$
  select l from generate_series(1, 200) l
   where progflow.calculate_level_from_xp(progflow.xp_for_level(l)) <> l
      or progflow.calculate_level_from_xp(progflow.xp_for_level(l) - 1) <> greatest(l - 1, 1)
$$, 'every level from 1 to 200 should start exactly at xp_for_level');

select is_empty($$select from tests.plan_lines('select progflow.calculate_level_from_xp(x) from (values (300)) v(x)') p where p ~ 'calculate_level_from_xp'$$,
                'the planner should inline it (no pinned search_path; every name schema-qualified)');

select * from finish();
rollback;
