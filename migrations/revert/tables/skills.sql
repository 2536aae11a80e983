-- Revert progflow:tables/skills from pg

begin;

drop table progflow.skills;

commit;
