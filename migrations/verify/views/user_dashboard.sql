-- Verify progflow:views/user_dashboard on pg

begin;

select * from progflow.user_dashboard where false;

rollback;
