-- Verify progflow:tables/challenge_levels on pg

begin;

select id, challenge_id, level_number, level_name, description, requirements, test_cases, passing_criteria, xp_reward, hints, solution_approach, estimated_minutes
  from progflow.challenge_levels
 where false;

-- Raises (division by zero) when a named constraint, index, trigger or partition is missing.
select 1 / (count(*) = 10)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.challenge_levels'::regclass
   and conname in ('challenge_levels_pkey', 'challenge_levels_challenge_id_level_number_key', 'challenge_levels_challenge_id_fkey', 'challenge_levels_level_number_check', 'challenge_levels_xp_reward_check', 'challenge_levels_estimated_minutes_check', 'challenge_levels_requirements_check', 'challenge_levels_test_cases_check', 'challenge_levels_passing_criteria_check', 'challenge_levels_hints_check');

rollback;
