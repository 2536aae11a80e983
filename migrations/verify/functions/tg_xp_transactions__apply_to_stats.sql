-- Verify progflow:functions/tg_xp_transactions__apply_to_stats on pg

begin;

-- The function by its whole signature: it runs as its caller, its search_path pinned,
-- executable by its owner only and never by PUBLIC; with its trigger on the ledger. Once
-- xp_transactions-provenance is deployed, which drops both (award_xp moves the stats itself and
-- the ledger takes rows from add_xp only), the ledger's new guard stands in for them.
select 1 / count(*) from (
  select from pg_catalog.pg_proc p
    join pg_catalog.pg_trigger t on t.tgfoid = p.oid
   where p.oid = pg_catalog.to_regprocedure('progflow.tg_xp_transactions__apply_to_stats()')
     and p.prosecdef = false
     and p.proconfig @> array['search_path=pg_catalog, pg_temp']
     and not pg_catalog.has_function_privilege('public', p.oid, 'execute')
     and t.tgname = '_500_apply_to_stats' and t.tgrelid = 'progflow.xp_transactions'::regclass
  union all
  select from pg_catalog.pg_trigger t
   where t.tgname = '_000_written_by_add_xp' and t.tgrelid = 'progflow.xp_transactions'::regclass
) proof;

rollback;
