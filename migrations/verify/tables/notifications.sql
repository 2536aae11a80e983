-- Verify progflow:tables/notifications on pg

begin;

select id, user_id, type, title, message, action_url, is_read, created_at, read_at
  from progflow.notifications
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 4)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.notifications'::regclass
   and conname in ('notifications_pkey', 'notifications_user_id_fkey', 'notifications_type_check', 'notifications_read_at_check');
select 'progflow.notifications_user_id_created_at_idx'::regclass;
select 'progflow.notifications_user_id_unread_idx'::regclass;
select 'progflow.notifications_created_at_idx'::regclass;
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.notifications'::regclass
   and polname in ('owner_all', 'self_read', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.notifications'::regclass;

rollback;
