-- Verify progflow:tables/user_achievements on pg

begin;

select id, user_id, achievement_id, unlocked_at, progress, metadata
  from progflow.user_achievements
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 6)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.user_achievements'::regclass
   and conname in ('user_achievements_pkey', 'user_achievements_user_id_achievement_id_key', 'user_achievements_user_id_fkey', 'user_achievements_achievement_id_fkey', 'user_achievements_progress_check', 'user_achievements_metadata_check');
select 'progflow.user_achievements_achievement_id_idx'::regclass;
select 'progflow.user_achievements_unlocked_at_idx'::regclass;
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.user_achievements'::regclass
   and polname in ('owner_all', 'self_read', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.user_achievements'::regclass;

rollback;
