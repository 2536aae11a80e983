-- Verify progflow:functions/submit_level_attempt on pg

begin;

select 'progflow.submit_level_attempt'::regproc;

rollback;
