-- Verify progflow:functions/refresh_leaderboards on pg

begin;

select 'progflow.refresh_leaderboards'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc where oid = 'progflow.refresh_leaderboards'::regproc
   and prosrc like '%expires_at%';

rollback;
