-- Revert progflow:views/user_dashboard from pg

begin;

drop view progflow.user_dashboard;

commit;
