-- Verify progflow:functions/calculate_level_from_xp on pg

begin;

-- The function by its whole signature: it runs as its caller, its search_path pinned,
-- executable by progflow_readonly and never by PUBLIC.
select 1 / count(*) from pg_catalog.pg_proc p
 where p.oid = 'progflow.calculate_level_from_xp(integer)'::regprocedure
   and p.prosecdef = false
   and p.proconfig @> array['search_path=pg_catalog, pg_temp']
   and not pg_catalog.has_function_privilege('public', p.oid, 'execute')
   and pg_catalog.has_function_privilege('progflow_readonly', p.oid, 'execute');

rollback;
