-- Verify progflow:tables/achievements on pg

begin;

select id, slug, name, description, icon_url, category, rarity, xp_reward, criteria, is_active
  from progflow.achievements
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 5)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.achievements'::regclass
   and conname in ('achievements_pkey', 'achievements_slug_key', 'achievements_slug_check', 'achievements_xp_reward_check', 'achievements_criteria_check');
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.achievements'::regclass
   and polname in ('owner_all', 'public_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.achievements'::regclass;

rollback;
