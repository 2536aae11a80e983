-- Revert progflow:tables/challenges from pg

begin;

drop table progflow.challenges;

commit;
