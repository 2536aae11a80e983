-- Verify progflow:tables/assessment_results on pg

begin;

select id, user_id, assessment_type, questions, responses, score, skill_level_recommendation, track_recommendations, challenge_recommendations, strengths, weaknesses, completed_at
  from progflow.assessment_results
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 9)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.assessment_results'::regclass
   and conname in ('assessment_results_pkey', 'assessment_results_user_id_fkey', 'assessment_results_assessment_type_check', 'assessment_results_score_check', 'assessment_results_skill_level_recommendation_check', 'assessment_results_questions_check', 'assessment_results_responses_check', 'assessment_results_recommendations_check', 'assessment_results_strengths_weaknesses_check');
select 'progflow.assessment_results_user_id_completed_at_idx'::regclass;
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.assessment_results'::regclass
   and polname in ('owner_all', 'self_read', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.assessment_results'::regclass;

rollback;
