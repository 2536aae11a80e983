-- Revert progflow:tables/challenge_levels from pg

begin;

drop table progflow.challenge_levels;

commit;
