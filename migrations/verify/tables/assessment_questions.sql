-- Verify progflow:tables/assessment_questions on pg

begin;

select id, slug, assessment_type, position, topic, difficulty, question, options, answer, is_active
  from progflow.assessment_questions
 where false;

-- Raises (division by zero) when a named constraint, index, trigger or partition is missing.
select 1 / (count(*) = 7)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.assessment_questions'::regclass
   and conname in ('assessment_questions_pkey', 'assessment_questions_slug_key', 'assessment_questions_slug_check', 'assessment_questions_assessment_type_check', 'assessment_questions_position_check', 'assessment_questions_options_check', 'assessment_questions_answer_check');
select 'progflow.assessment_questions_assessment_type_position_idx'::regclass;

rollback;
