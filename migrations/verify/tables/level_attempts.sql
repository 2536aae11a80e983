-- Verify progflow:tables/level_attempts on pg

begin;

select id, user_id, challenge_id, level_number, attempt_number, design_snapshot, test_results, score, passed, xp_earned, hints_used, time_spent_minutes, feedback, created_at
  from progflow.level_attempts
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 12)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.level_attempts'::regclass
   and conname in ('level_attempts_pkey', 'level_attempts_user_id_fkey', 'level_attempts_challenge_id_level_number_fkey', 'level_attempts_level_number_check', 'level_attempts_attempt_number_check', 'level_attempts_score_check', 'level_attempts_xp_earned_check', 'level_attempts_hints_used_check', 'level_attempts_time_spent_minutes_check', 'level_attempts_design_snapshot_check', 'level_attempts_test_results_check', 'level_attempts_feedback_check');
select 'progflow.level_attempts_user_id_created_at_idx'::regclass;
select 'progflow.level_attempts_user_id_challenge_id_level_number_idx'::regclass;
select 'progflow.level_attempts_challenge_id_level_number_idx'::regclass;
select 'progflow.level_attempts_created_at_idx'::regclass;
select 1 / count(*)
  from pg_catalog.pg_inherits
 where inhrelid = 'progflow.level_attempts_default'::regclass and inhparent = 'progflow.level_attempts'::regclass;
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.level_attempts'::regclass
   and polname in ('owner_all', 'self_read', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.level_attempts'::regclass;

rollback;
