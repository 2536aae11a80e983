-- Verify progflow:functions/public_profile on pg

begin;

select 'progflow.public_profile'::regproc;

rollback;
