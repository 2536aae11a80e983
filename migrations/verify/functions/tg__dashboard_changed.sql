-- Verify progflow:functions/tg__dashboard_changed on pg

begin;

-- The function by its whole signature: SECURITY DEFINER, its search_path pinned,
-- executable by its owner only and never by PUBLIC.
select 1 / count(*) from pg_catalog.pg_proc p
 where p.oid = 'progflow.tg__dashboard_changed()'::regprocedure
   and p.prosecdef = true
   and p.proconfig @> array['search_path=pg_catalog, pg_temp']
   and not pg_catalog.has_function_privilege('public', p.oid, 'execute');
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_700_dashboard_changed' and t.tgrelid = 'progflow.notifications'::regclass
   and t.tgfoid = 'progflow.tg__dashboard_changed()'::regprocedure;
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_700_dashboard_changed' and t.tgrelid = 'progflow.user_achievements'::regclass
   and t.tgfoid = 'progflow.tg__dashboard_changed()'::regprocedure;
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_700_dashboard_changed' and t.tgrelid = 'progflow.user_skills'::regclass
   and t.tgfoid = 'progflow.tg__dashboard_changed()'::regprocedure;
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_700_dashboard_changed' and t.tgrelid = 'progflow.user_track_progress'::regclass
   and t.tgfoid = 'progflow.tg__dashboard_changed()'::regprocedure;

rollback;
