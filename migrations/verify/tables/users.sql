-- Verify progflow:tables/users on pg

begin;

select id, email, username, display_name, avatar_url, skill_level, onboarding_completed, preferences, created_at, updated_at, last_active_at
  from progflow.users
 where false;

-- Raises (division by zero) when a named constraint, index, trigger or partition is missing.
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

rollback;
