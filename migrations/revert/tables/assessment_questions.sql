-- Revert progflow:tables/assessment_questions from pg

begin;

drop table progflow.assessment_questions;

commit;
