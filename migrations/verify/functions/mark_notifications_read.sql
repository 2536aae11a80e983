-- Verify progflow:functions/mark_notifications_read on pg

begin;

select 'progflow.mark_notifications_read'::regproc;

rollback;
