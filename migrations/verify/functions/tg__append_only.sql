-- Verify progflow:functions/tg__append_only on pg

begin;

select 'progflow.tg__append_only'::regproc;

rollback;
