-- Verify progflow:functions/use_hint on pg

begin;

select 'progflow.use_hint'::regproc;

rollback;
