-- Revert progflow:tables/assessment_results from pg

begin;

drop table progflow.assessment_results;

commit;
