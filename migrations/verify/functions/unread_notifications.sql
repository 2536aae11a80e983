-- Verify progflow:functions/unread_notifications on pg

begin;

select 'progflow.unread_notifications'::regproc;

rollback;
