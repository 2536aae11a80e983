-- Verify progflow:tables/users on pg

begin;

select id, email, username, display_name, avatar_url, skill_level, onboarding_completed, preferences, created_at, updated_at, last_active_at
  from progflow.users
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 4)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.users'::regclass
   and conname in ('users_pkey', 'users_email_check', 'users_username_check', 'users_preferences_check');
select 'progflow.users_lower_email_key'::regclass;
select 'progflow.users_lower_username_key'::regclass;
select 'progflow.users_last_active_at_idx'::regclass;
select 1 / (count(*) = 1)::int
  from pg_catalog.pg_trigger
 where tgrelid = 'progflow.users'::regclass
   and tgname in ('_100_timestamps');
select 1 / (count(*) = 6)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.users'::regclass
   and polname in ('owner_all', 'self_read', 'self_insert', 'self_update', 'self_delete', 'service_all');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.users'::regclass;

rollback;
