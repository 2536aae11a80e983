-- Verify progflow:functions/authorize on pg

begin;

select 'progflow.authorize'::regproc;

rollback;
