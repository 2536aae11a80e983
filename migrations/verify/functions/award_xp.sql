-- Verify progflow:functions/award_xp on pg

begin;

-- The function by its whole signature: SECURITY DEFINER, its search_path pinned,
-- executable by progflow_service and never by PUBLIC.
select 1 / count(*) from pg_catalog.pg_proc p
 where p.oid = 'progflow.award_xp(uuid, integer, text, text, text)'::regprocedure
   and p.prosecdef = true
   and p.proconfig @> array['search_path=pg_catalog, pg_temp']
   and not pg_catalog.has_function_privilege('public', p.oid, 'execute')
   and pg_catalog.has_function_privilege('progflow_service', p.oid, 'execute');
-- The version this change deploys, not only the name: the bound on the total, in award_xp or,
-- since xp_transactions-provenance, in add_xp, which writes the ledger for it.
select 1 / count(*) from pg_catalog.pg_proc
 where oid in ('progflow.award_xp'::regproc, pg_catalog.to_regproc('progflow.add_xp')) and prosrc like '%2147483647%';

rollback;
