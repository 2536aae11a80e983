-- Revert progflow:functions/lock_user from pg

begin;

drop function progflow.lock_user;

commit;
