-- Revert progflow:tables/leaderboard_entries from pg

begin;

drop table progflow.leaderboard_entries;

commit;
