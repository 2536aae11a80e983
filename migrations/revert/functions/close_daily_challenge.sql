-- Revert progflow:functions/close_daily_challenge from pg

begin;

drop function progflow.close_daily_challenge;

commit;
