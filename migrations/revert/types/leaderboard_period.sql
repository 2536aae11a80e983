-- Revert progflow:types/leaderboard_period from pg

begin;

drop type progflow.leaderboard_period;

commit;
