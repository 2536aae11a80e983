-- Verify progflow:xp_transactions-provenance on pg

begin;

select db_role, acting_user, xact_id from progflow.xp_transactions where false;
-- the new write path is in place, and only the engine may run its steps
select 1 / (not has_function_privilege('progflow_app', 'progflow.add_xp(uuid, integer, text, text, text, timestamptz)', 'execute'))::integer;
select 1 / (not has_function_privilege('progflow_app', 'progflow.unlock_achievements(uuid, progflow.user_stats, text[])', 'execute'))::integer;
select 1 / (not has_function_privilege('progflow_app', 'progflow.unlock_challenges(uuid)', 'execute'))::integer;
select 1 / count(*)::integer from pg_trigger
 where tgrelid = 'progflow.xp_transactions'::regclass and tgname = '_000_written_by_add_xp';
select 1 / count(*)::integer from pg_proc
 where oid = 'progflow.add_xp(uuid, integer, text, text, text, timestamptz)'::regprocedure and prosrc like '%2147483647%';
select 1 / (count(*) = 0)::integer from pg_trigger
 where tgrelid = 'progflow.xp_transactions'::regclass and tgname in ('_500_apply_to_stats', '_900_audit');

rollback;
