-- Verify progflow:views/current_leaderboard on pg

begin;

select null from progflow.current_leaderboard where false;

rollback;
