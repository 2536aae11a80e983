-- Verify progflow:functions/refresh_leaderboards_since on pg

begin;

select 'progflow.refresh_leaderboards_since'::regproc;

rollback;
