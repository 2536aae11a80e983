-- Verify progflow:views/challenge_page on pg

begin;

select * from progflow.challenge_page where false;

rollback;
