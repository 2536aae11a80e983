-- Revert progflow:functions/assessment_questions_for from pg

begin;

drop function progflow.assessment_questions_for;

commit;
