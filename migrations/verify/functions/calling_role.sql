-- Verify progflow:functions/calling_role on pg

begin;

select 'progflow.calling_role'::regproc;

rollback;
