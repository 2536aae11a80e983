-- Verify progflow:functions/close_daily_challenge on pg

begin;

select 'progflow.close_daily_challenge'::regproc;

rollback;
