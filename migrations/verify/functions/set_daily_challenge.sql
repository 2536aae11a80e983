-- Verify progflow:functions/set_daily_challenge on pg

begin;

select 'progflow.set_daily_challenge'::regproc;

rollback;
