-- Revert progflow:tables/user_track_progress from pg

begin;

drop table progflow.user_track_progress;

commit;
