-- Verify progflow:views/leaderboard_page on pg

begin;

select null from progflow.leaderboard_page where false;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_views where schemaname = 'progflow' and viewname = 'leaderboard_page'
   and definition like '%expires_at%';

rollback;
