-- Revert progflow:views/leaderboard_page from pg

begin;

drop view progflow.leaderboard_page;

commit;
