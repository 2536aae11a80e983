-- Revert progflow:functions/submit_level_attempt from pg

begin;

drop function progflow.submit_level_attempt;

commit;
