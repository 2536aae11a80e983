-- Verify progflow:functions/tg_users__valid_preferences on pg

begin;

select 'progflow.tg_users__valid_preferences'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc where oid = 'progflow.tg_users__valid_preferences'::regproc
   and prosrc like '%pg_timezone_names%';

rollback;
