-- Verify progflow:functions/leaderboard_around on pg

begin;

select 'progflow.leaderboard_around'::regproc;

rollback;
