-- Revert progflow:tables/notifications from pg

begin;

drop table progflow.notifications;

commit;
