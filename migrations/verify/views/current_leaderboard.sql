-- Verify progflow:views/current_leaderboard on pg

begin;

select null from progflow.current_leaderboard where false;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_views where schemaname = 'progflow' and viewname = 'current_leaderboard'
   and definition like '%current_streak(%';

rollback;
