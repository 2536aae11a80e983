-- Verify progflow:functions/calculate_user_streak on pg

begin;

select 'progflow.calculate_user_streak'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc where oid = 'progflow.calculate_user_streak'::regproc
   and prosrc like '%progflow.current_streak(%';

rollback;
