-- Verify progflow:views/challenge_page on pg

begin;

select null from progflow.challenge_page where false;

rollback;
