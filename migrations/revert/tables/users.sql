-- Revert progflow:tables/users from pg

begin;

drop table progflow.users;

commit;
