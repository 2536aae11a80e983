-- Verify progflow:functions/refresh_leaderboards on pg

begin;

select 'progflow.refresh_leaderboards'::regproc;

rollback;
