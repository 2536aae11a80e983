-- Verify progflow:functions/close_daily_challenge on pg

begin;

select 'progflow.close_daily_challenge'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc where oid = 'progflow.close_daily_challenge'::regproc
   and prosrc ~ 'lock_user.*for update';

rollback;
