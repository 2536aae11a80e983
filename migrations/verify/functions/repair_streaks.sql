-- Verify progflow:functions/repair_streaks on pg

begin;

select 'progflow.repair_streaks'::regproc;

rollback;
