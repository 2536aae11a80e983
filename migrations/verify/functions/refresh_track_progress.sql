-- Verify progflow:functions/refresh_track_progress on pg

begin;

select 'progflow.refresh_track_progress'::regproc;

rollback;
