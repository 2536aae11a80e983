-- Verify progflow:functions/check_and_unlock_challenges on pg

begin;

select 'progflow.check_and_unlock_challenges'::regproc;

rollback;
