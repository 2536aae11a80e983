-- Verify progflow:functions/tg_xp_transactions__apply_to_stats on pg

begin;

-- The function by its whole signature: it runs as its caller, its search_path pinned,
-- executable by its owner only and never by PUBLIC.
select 1 / count(*) from pg_catalog.pg_proc p
 where p.oid = 'progflow.tg_xp_transactions__apply_to_stats()'::regprocedure
   and p.prosecdef = false
   and p.proconfig @> array['search_path=pg_catalog, pg_temp']
   and not pg_catalog.has_function_privilege('public', p.oid, 'execute');
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_500_apply_to_stats' and t.tgrelid = 'progflow.xp_transactions'::regclass
   and t.tgfoid = 'progflow.tg_xp_transactions__apply_to_stats()'::regprocedure;

rollback;
