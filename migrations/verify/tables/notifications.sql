-- Verify progflow:tables/notifications on pg

begin;

select id, user_id, type, title, message, action_url, is_read, created_at, read_at
  from progflow.notifications
 where false;

-- Raises (division by zero) when a named constraint, index, trigger or partition is missing.
select 1 / (count(*) = 4)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.notifications'::regclass
   and conname in ('notifications_pkey', 'notifications_user_id_fkey', 'notifications_type_check', 'notifications_read_at_check');
select 'progflow.notifications_user_id_created_at_idx'::regclass;
select 'progflow.notifications_user_id_unread_idx'::regclass;
select 'progflow.notifications_created_at_idx'::regclass;

rollback;
