-- Verify progflow:functions/allocate_skill_point on pg

begin;

select 'progflow.allocate_skill_point'::regproc;

rollback;
