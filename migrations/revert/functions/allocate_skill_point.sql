-- Revert progflow:functions/allocate_skill_point from pg

begin;

drop function progflow.allocate_skill_point;

commit;
