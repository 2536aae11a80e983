-- Verify progflow:user_dashboard-version on pg

begin;

select version from progflow.user_dashboard where false;

rollback;
