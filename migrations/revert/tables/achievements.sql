-- Revert progflow:tables/achievements from pg

begin;

drop table progflow.achievements;

commit;
