-- Verify progflow:functions/assessment_questions_for on pg

begin;

select 'progflow.assessment_questions_for'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc where oid = 'progflow.assessment_questions_for'::regproc
   and prosrc not like '%answer%';

rollback;
