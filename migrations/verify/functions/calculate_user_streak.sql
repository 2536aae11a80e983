-- Verify progflow:functions/calculate_user_streak on pg

begin;

-- The function by its whole signature: SECURITY DEFINER, its search_path pinned,
-- executable by progflow_readonly and never by PUBLIC.
select 1 / count(*) from pg_catalog.pg_proc p
 where p.oid = 'progflow.calculate_user_streak(uuid, date)'::regprocedure
   and p.prosecdef = true
   and p.proconfig @> array['search_path=pg_catalog, pg_temp']
   and not pg_catalog.has_function_privilege('public', p.oid, 'execute')
   and pg_catalog.has_function_privilege('progflow_readonly', p.oid, 'execute');
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc where oid = 'progflow.calculate_user_streak'::regproc
   and prosrc like '%progflow.current_streak(%';

rollback;
