-- Revert progflow:functions/user_challenge_status from pg

begin;

drop function progflow.user_challenge_status;

commit;
