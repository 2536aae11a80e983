-- Verify progflow:functions/tg_users__bootstrap on pg

begin;

-- The function by its whole signature: SECURITY DEFINER, its search_path pinned,
-- executable by its owner only and never by PUBLIC.
select 1 / count(*) from pg_catalog.pg_proc p
 where p.oid = 'progflow.tg_users__bootstrap()'::regprocedure
   and p.prosecdef = true
   and p.proconfig @> array['search_path=pg_catalog, pg_temp']
   and not pg_catalog.has_function_privilege('public', p.oid, 'execute');
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_500_bootstrap' and t.tgrelid = 'progflow.users'::regclass
   and t.tgfoid = 'progflow.tg_users__bootstrap()'::regprocedure;

rollback;
