-- Revert progflow:functions/refresh_track_progress from pg

begin;

drop function progflow.refresh_track_progress;

commit;
