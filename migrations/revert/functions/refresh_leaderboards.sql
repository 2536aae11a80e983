-- Revert progflow:functions/refresh_leaderboards from pg

begin;

drop function progflow.refresh_leaderboards;

commit;
