-- Revert progflow:types/skill_level from pg

begin;

drop type progflow.skill_level;

commit;
