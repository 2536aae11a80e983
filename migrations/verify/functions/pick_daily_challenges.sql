-- Verify progflow:functions/pick_daily_challenges on pg

begin;

select 'progflow.pick_daily_challenges'::regproc;

rollback;
