-- Verify progflow:views/user_dashboard on pg

begin;

select null from progflow.user_dashboard where false;

rollback;
