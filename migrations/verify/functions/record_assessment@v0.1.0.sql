-- Verify progflow:functions/record_assessment on pg

begin;

select 'progflow.record_assessment'::regproc;

rollback;
