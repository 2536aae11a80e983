-- Verify progflow:tables/daily_challenges on pg

begin;

select id, challenge_id, date, difficulty_modifier, xp_multiplier, special_requirements, participants_count, average_score, closed_at, created_at
  from progflow.daily_challenges
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 8)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.daily_challenges'::regclass
   and conname in ('daily_challenges_pkey', 'daily_challenges_date_key', 'daily_challenges_challenge_id_fkey', 'daily_challenges_difficulty_modifier_check', 'daily_challenges_xp_multiplier_check', 'daily_challenges_special_requirements_check', 'daily_challenges_participants_count_check', 'daily_challenges_average_score_check');
select 'progflow.daily_challenges_challenge_id_idx'::regclass;
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.daily_challenges'::regclass
   and polname in ('owner_all', 'public_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.daily_challenges'::regclass;

rollback;
