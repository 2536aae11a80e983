-- Revert progflow:functions/mark_notifications_read from pg

begin;

drop function progflow.mark_notifications_read;

commit;
