-- Revert progflow:functions/set_daily_challenge from pg

begin;

drop function progflow.set_daily_challenge;

commit;
