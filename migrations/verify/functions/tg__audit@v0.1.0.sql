-- Verify progflow:functions/tg__audit on pg

begin;

select 'progflow.tg__audit'::regproc;

rollback;
