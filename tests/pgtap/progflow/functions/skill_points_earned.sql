-- progflow.skill_points_earned(level integer) returns integer
begin;
select plan(5);

select has_function('progflow', 'skill_points_earned', array['integer'], 'skill_points_earned(integer) should exist');
select volatility_is('progflow', 'skill_points_earned', array['integer'], 'immutable', 'it should be immutable');
select results_eq($$select progflow.skill_points_earned(l) from unnest(array[1, 4, 5, 9, 10, 12, 20, 99]) l$$,
                  array[0, 0, 1, 1, 3, 3, 6, 28], 'floor(L/5) + floor(L/10) at each level (docs/rules.md, Skill tree)');
select is(progflow.skill_points_earned(null), null, 'NULL should give NULL');
select is_empty($$select from tests.plan_lines('select progflow.skill_points_earned(l) from (values (12)) v(l)') p
                   where p ~ 'skill_points_earned'$$, 'the planner should inline it');

select * from finish();
rollback;
