-- Revert progflow:tables/user_challenge_progress from pg

begin;

drop table progflow.user_challenge_progress;

commit;
