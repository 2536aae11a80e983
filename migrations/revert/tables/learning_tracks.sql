-- Revert progflow:tables/learning_tracks from pg

begin;

drop table progflow.learning_tracks;

commit;
