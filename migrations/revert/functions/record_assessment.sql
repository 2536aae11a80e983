-- Revert progflow:functions/record_assessment from pg

begin;

drop function progflow.record_assessment;

commit;
