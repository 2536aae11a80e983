-- Revert progflow:views/current_leaderboard from pg

begin;

drop view progflow.current_leaderboard;

commit;
