-- Verify progflow:tables/challenge_levels on pg

begin;

select id, challenge_id, level_number, level_name, description, requirements, test_cases, passing_criteria, xp_reward, hints, solution_approach, estimated_minutes
  from progflow.challenge_levels
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 10)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.challenge_levels'::regclass
   and conname in ('challenge_levels_pkey', 'challenge_levels_challenge_id_level_number_key', 'challenge_levels_challenge_id_fkey', 'challenge_levels_level_number_check', 'challenge_levels_xp_reward_check', 'challenge_levels_estimated_minutes_check', 'challenge_levels_requirements_check', 'challenge_levels_test_cases_check', 'challenge_levels_passing_criteria_check', 'challenge_levels_hints_check');
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.challenge_levels'::regclass
   and polname in ('owner_all', 'public_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.challenge_levels'::regclass;

rollback;
