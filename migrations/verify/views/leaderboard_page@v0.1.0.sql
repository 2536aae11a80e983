-- Verify progflow:views/leaderboard_page on pg

begin;

select null from progflow.leaderboard_page where false;

rollback;
