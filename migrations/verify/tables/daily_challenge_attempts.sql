-- Verify progflow:tables/daily_challenge_attempts on pg

begin;

select id, user_id, daily_challenge_id, score, xp_earned, rank, completed_at
  from progflow.daily_challenge_attempts
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 7)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.daily_challenge_attempts'::regclass
   and conname in ('daily_challenge_attempts_pkey', 'daily_challenge_attempts_user_id_daily_challenge_id_key', 'daily_challenge_attempts_user_id_fkey', 'daily_challenge_attempts_daily_challenge_id_fkey', 'daily_challenge_attempts_score_check', 'daily_challenge_attempts_xp_earned_check', 'daily_challenge_attempts_rank_check');
select 'progflow.daily_challenge_attempts_daily_challenge_id_score_idx'::regclass;
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.daily_challenge_attempts'::regclass
   and polname in ('owner_all', 'self_read', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.daily_challenge_attempts'::regclass;

rollback;
