-- Verify progflow:functions/tg__timestamps on pg

begin;

select 'progflow.tg__timestamps'::regproc;

rollback;
