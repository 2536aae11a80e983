-- Revert progflow:views/challenge_prerequisites_status from pg

begin;

drop view progflow.challenge_prerequisites_status;

commit;
