-- Revert progflow:views/challenge_page from pg

begin;

drop view progflow.challenge_page;

commit;
