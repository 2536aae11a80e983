-- Verify progflow:tables/user_challenge_progress on pg

begin;

select id, user_id, challenge_id, status, current_level, levels_completed, unlock_date, start_date, completion_date, total_attempts, total_time_spent_minutes, best_score, xp_earned
  from progflow.user_challenge_progress
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 9)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.user_challenge_progress'::regclass
   and conname in ('user_challenge_progress_pkey', 'user_challenge_progress_user_id_challenge_id_key', 'user_challenge_progress_user_id_fkey', 'user_challenge_progress_challenge_id_fkey', 'user_challenge_progress_current_level_check', 'user_challenge_progress_levels_completed_check', 'user_challenge_progress_completed_check', 'user_challenge_progress_counters_check', 'user_challenge_progress_best_score_check');
select 'progflow.user_challenge_progress_challenge_id_idx'::regclass;
select 'progflow.user_challenge_progress_user_id_status_idx'::regclass;
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.user_challenge_progress'::regclass
   and polname in ('owner_all', 'self_read', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.user_challenge_progress'::regclass;

rollback;
