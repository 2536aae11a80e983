-- Verify progflow:views/leaderboard_page on pg

begin;

select * from progflow.leaderboard_page where false;

rollback;
