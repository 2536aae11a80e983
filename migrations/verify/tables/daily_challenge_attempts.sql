-- Verify progflow:tables/daily_challenge_attempts on pg

begin;

select id, user_id, daily_challenge_id, score, xp_earned, rank, completed_at
  from progflow.daily_challenge_attempts
 where false;

-- Raises (division by zero) when a named constraint, index, trigger or partition is missing.
select 1 / (count(*) = 7)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.daily_challenge_attempts'::regclass
   and conname in ('daily_challenge_attempts_pkey', 'daily_challenge_attempts_user_id_daily_challenge_id_key', 'daily_challenge_attempts_user_id_fkey', 'daily_challenge_attempts_daily_challenge_id_fkey', 'daily_challenge_attempts_score_check', 'daily_challenge_attempts_xp_earned_check', 'daily_challenge_attempts_rank_check');
select 'progflow.daily_challenge_attempts_daily_challenge_id_score_idx'::regclass;

rollback;
