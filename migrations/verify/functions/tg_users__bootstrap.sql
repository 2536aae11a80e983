-- Verify progflow:functions/tg_users__bootstrap on pg

begin;

select 'progflow.tg_users__bootstrap'::regproc;

rollback;
