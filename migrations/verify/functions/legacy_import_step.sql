-- Verify progflow:functions/legacy_import_step on pg

begin;

-- The function by its whole signature: it runs as its caller, its search_path pinned,
-- executable by its owner only and never by PUBLIC.
select 1 / count(*) from pg_catalog.pg_proc p
 where p.oid = 'progflow.legacy_import_step(bigint, integer)'::regprocedure
   and p.prosecdef = false
   and p.proconfig @> array['search_path=pg_catalog, pg_temp']
   and not pg_catalog.has_function_privilege('public', p.oid, 'execute');

rollback;
