-- Revert progflow:types/track_difficulty from pg

begin;

drop type progflow.track_difficulty;

commit;
