-- Verify progflow:tables/game_settings on pg

begin;

select id, max_submissions_per_minute, updated_at
  from progflow.game_settings
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.game_settings'::regclass
   and conname in ('game_settings_pkey', 'game_settings_id_check', 'game_settings_max_submissions_per_minute_check');
select 1 / (count(*) = 1)::int
  from pg_catalog.pg_trigger
 where tgrelid = 'progflow.game_settings'::regclass
   and tgname in ('_100_timestamps');
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.game_settings'::regclass
   and polname in ('owner_all', 'public_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.game_settings'::regclass;

rollback;
