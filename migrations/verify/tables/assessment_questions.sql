-- Verify progflow:tables/assessment_questions on pg

begin;

select id, slug, assessment_type, position, topic, difficulty, question, options, answer, is_active
  from progflow.assessment_questions
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 7)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.assessment_questions'::regclass
   and conname in ('assessment_questions_pkey', 'assessment_questions_slug_key', 'assessment_questions_slug_check', 'assessment_questions_assessment_type_check', 'assessment_questions_position_check', 'assessment_questions_options_check', 'assessment_questions_answer_check');
select 'progflow.assessment_questions_assessment_type_position_idx'::regclass;
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.assessment_questions'::regclass
   and polname in ('owner_all', 'public_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.assessment_questions'::regclass;

rollback;
