-- Verify progflow:tables/learning_sessions on pg

begin;

select id, user_id, session_type, resource_id, start_time, end_time, duration_minutes, xp_earned, completed, metadata
  from progflow.learning_sessions
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 7)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.learning_sessions'::regclass
   and conname in ('learning_sessions_pkey', 'learning_sessions_user_id_fkey', 'learning_sessions_session_type_check', 'learning_sessions_end_time_check', 'learning_sessions_duration_minutes_check', 'learning_sessions_xp_earned_check', 'learning_sessions_metadata_check');
select 'progflow.learning_sessions_user_id_start_time_idx'::regclass;
select 'progflow.learning_sessions_start_time_idx'::regclass;
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.learning_sessions'::regclass
   and polname in ('owner_all', 'self_read', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.learning_sessions'::regclass;

rollback;
