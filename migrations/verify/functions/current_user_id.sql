-- Verify progflow:functions/current_user_id on pg

begin;

select 'progflow.current_user_id'::regproc;

rollback;
