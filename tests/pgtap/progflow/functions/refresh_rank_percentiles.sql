-- progflow.refresh_rank_percentiles() returns integer: (ranked − rank + 1) ÷ ranked × 100 on the all-time XP board
begin;
select plan(4);

select has_function('progflow', 'refresh_rank_percentiles', array[]::text[], 'it should exist');
select tests.create_user(u) from unnest(array['ada', 'bob', 'cyd', 'dan', 'eve']) u;
select progflow.award_xp(tests.user_id(u), x, 'admin')
  from unnest(array['bob', 'ada', 'eve', 'cyd'], array[350, 140, 140, 107]) v(u, x);

select is(progflow.refresh_rank_percentiles(), 4, 'four users should get a percentile');
select results_eq($$select u.username::text, s.rank_percentile from progflow.user_stats s join progflow.users u on u.id = s.user_id
                    order by s.rank_percentile desc nulls last, u.username$$,
                  $$values ('bob', 100.00), ('ada', 75.00), ('eve', 75.00), ('cyd', 25.00), ('dan', null)$$,
                  'rank 1 of 4 is 100, the tied rank 2 is 75, rank 4 is 25, and 0 XP has none');
select is(progflow.refresh_rank_percentiles(), 0, 'a second run should change nothing');

select * from finish();
rollback;
