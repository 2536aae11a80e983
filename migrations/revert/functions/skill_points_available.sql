-- Revert progflow:functions/skill_points_available from pg

begin;

drop function progflow.skill_points_available;

commit;
