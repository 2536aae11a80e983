-- Revert progflow:tables/user_skills from pg

begin;

drop table progflow.user_skills;

commit;
