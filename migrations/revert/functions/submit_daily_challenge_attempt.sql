-- Revert progflow:functions/submit_daily_challenge_attempt from pg

begin;

drop function progflow.submit_daily_challenge_attempt;

commit;
