-- Verify progflow:functions/skill_points_available on pg

begin;

select 'progflow.skill_points_available'::regproc;

rollback;
