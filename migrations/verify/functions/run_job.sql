-- Verify progflow:functions/run_job on pg

begin;

select 'progflow.run_job'::regproc;

rollback;
