-- Revert progflow:functions/check_and_unlock_challenges from pg

begin;

drop function progflow.check_and_unlock_challenges;

commit;
