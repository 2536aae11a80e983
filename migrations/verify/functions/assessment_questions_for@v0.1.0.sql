-- Verify progflow:functions/assessment_questions_for on pg

begin;

select 'progflow.assessment_questions_for'::regproc;

rollback;
