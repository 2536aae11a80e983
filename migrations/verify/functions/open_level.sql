-- Verify progflow:functions/open_level on pg

begin;

select 'progflow.open_level'::regproc;

rollback;
