-- Verify progflow:functions/notifications_page on pg

begin;

select 'progflow.notifications_page'::regproc;

rollback;
