-- Verify progflow:views/user_dashboard on pg

begin;

select null from progflow.user_dashboard where false;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_views where schemaname = 'progflow' and viewname = 'user_dashboard'
   and definition like '%current_streak(%';

rollback;
