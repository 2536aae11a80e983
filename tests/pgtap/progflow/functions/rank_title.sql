-- progflow.rank_title(level integer) returns text
begin;
select plan(6);

select has_function('progflow', 'rank_title', array['integer'], 'rank_title(integer) should exist');
select volatility_is('progflow', 'rank_title', array['integer'], 'immutable', 'it should be immutable');
select results_eq($$
  select progflow.rank_title(l) from unnest(array[1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100, 150]) l
$$, array['Novice', 'Apprentice', 'Bronze I', 'Bronze II', 'Bronze III', 'Silver I', 'Silver II', 'Silver III',
          'Gold I', 'Gold II', 'Gold III', 'Platinum I', 'Platinum II', 'Platinum III', 'Diamond', 'Master',
          'Grandmaster'], 'each rank should start at its minimum level');
select results_eq($$
  select progflow.rank_title(l) from unnest(array[4, 9, 59, 149, 1000]) l
$$, array['Novice', 'Apprentice', 'Gold III', 'Master', 'Grandmaster'], 'the level before a threshold should keep the lower rank');
select is(progflow.rank_title(null), null, 'NULL should give NULL');

select is_empty($$select from tests.plan_lines('select progflow.rank_title(l) from (values (42)) v(l)') p where p ~ 'rank_title'$$,
                'the planner should inline it (no pinned search_path; every name schema-qualified)');

select * from finish();
rollback;
