-- Verify progflow:functions/user_challenge_status on pg

begin;

select 'progflow.user_challenge_status'::regproc;

rollback;
