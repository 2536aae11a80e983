-- Verify progflow:functions/apply_attempt_retention on pg

begin;

select 'progflow.apply_attempt_retention'::regproc;

rollback;
