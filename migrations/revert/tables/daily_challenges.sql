-- Revert progflow:tables/daily_challenges from pg

begin;

drop table progflow.daily_challenges;

commit;
