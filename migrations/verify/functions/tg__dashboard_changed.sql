-- Verify progflow:functions/tg__dashboard_changed on pg

begin;

select 'progflow.tg__dashboard_changed'::regproc;

rollback;
