-- Revert progflow:tables/level_attempts from pg

begin;

drop table progflow.level_attempts;

commit;
