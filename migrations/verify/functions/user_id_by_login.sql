-- Verify progflow:functions/user_id_by_login on pg

begin;

select 'progflow.user_id_by_login'::regproc;

rollback;
