-- Verify progflow:functions/tg__prerequisites_valid on pg

begin;

select 'progflow.tg__prerequisites_valid'::regproc;

rollback;
