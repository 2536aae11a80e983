-- Revert progflow:tables/daily_challenge_attempts from pg

begin;

drop table progflow.daily_challenge_attempts;

commit;
