-- Verify progflow:functions/tg_users__valid_preferences on pg

begin;

-- The function by its whole signature: it runs as its caller, its search_path pinned,
-- executable by its owner only and never by PUBLIC.
select 1 / count(*) from pg_catalog.pg_proc p
 where p.oid = 'progflow.tg_users__valid_preferences()'::regprocedure
   and p.prosecdef = false
   and p.proconfig @> array['search_path=pg_catalog, pg_temp']
   and not pg_catalog.has_function_privilege('public', p.oid, 'execute');
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_200_valid_preferences' and t.tgrelid = 'progflow.users'::regclass
   and t.tgfoid = 'progflow.tg_users__valid_preferences()'::regprocedure;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc where oid = 'progflow.tg_users__valid_preferences'::regproc
   and prosrc like '%pg_timezone_names%';

rollback;
