-- Revert progflow:tables/user_stats from pg

begin;

drop table progflow.user_stats;

commit;
