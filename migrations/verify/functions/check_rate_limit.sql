-- Verify progflow:functions/check_rate_limit on pg

begin;

select 'progflow.check_rate_limit'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc where oid = 'progflow.check_rate_limit'::regproc
   and prosrc like '%game_settings%' and prosrc not like '%current_setting%';

rollback;
