-- Verify progflow:views/challenge_prerequisites_status on pg

begin;

select null from progflow.challenge_prerequisites_status where false;

rollback;
