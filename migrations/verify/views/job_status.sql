-- Verify progflow:views/job_status on pg

begin;

select null from progflow.job_status where false;

rollback;
