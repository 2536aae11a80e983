-- Revert progflow:tables/user_achievements from pg

begin;

drop table progflow.user_achievements;

commit;
