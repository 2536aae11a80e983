-- Verify progflow:views/current_leaderboard on pg

begin;

select * from progflow.current_leaderboard where false;

rollback;
