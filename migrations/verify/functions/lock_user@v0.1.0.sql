-- Verify progflow:functions/lock_user on pg

begin;

select 'progflow.lock_user'::regproc;

rollback;
