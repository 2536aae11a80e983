-- Verify progflow:functions/tg__append_only on pg

begin;

-- The function by its whole signature: it runs as its caller, its search_path pinned,
-- executable by its owner only and never by PUBLIC.
select 1 / count(*) from pg_catalog.pg_proc p
 where p.oid = 'progflow.tg__append_only()'::regprocedure
   and p.prosecdef = false
   and p.proconfig @> array['search_path=pg_catalog, pg_temp']
   and not pg_catalog.has_function_privilege('public', p.oid, 'execute');
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_000_append_only' and t.tgrelid = 'progflow.xp_transactions'::regclass
   and t.tgfoid = 'progflow.tg__append_only()'::regprocedure;
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_000_append_only_truncate' and t.tgrelid = 'progflow.xp_transactions'::regclass
   and t.tgfoid = 'progflow.tg__append_only()'::regprocedure;
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_000_append_only' and t.tgrelid = 'progflow.audit_log'::regclass
   and t.tgfoid = 'progflow.tg__append_only()'::regprocedure;
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_000_append_only_truncate' and t.tgrelid = 'progflow.audit_log'::regclass
   and t.tgfoid = 'progflow.tg__append_only()'::regprocedure;

rollback;
