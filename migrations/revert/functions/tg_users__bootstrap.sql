-- Revert progflow:functions/tg_users__bootstrap from pg

begin;

drop trigger _500_bootstrap on progflow.users;
drop function progflow.tg_users__bootstrap;

commit;
