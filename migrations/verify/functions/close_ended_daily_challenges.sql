-- Verify progflow:functions/close_ended_daily_challenges on pg

begin;

select 'progflow.close_ended_daily_challenges'::regproc;

rollback;
