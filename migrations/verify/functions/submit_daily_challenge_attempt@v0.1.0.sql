-- Verify progflow:functions/submit_daily_challenge_attempt on pg

begin;

select 'progflow.submit_daily_challenge_attempt'::regproc;

rollback;
