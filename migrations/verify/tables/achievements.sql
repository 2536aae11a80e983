-- Verify progflow:tables/achievements on pg

begin;

select id, slug, name, description, icon_url, category, rarity, xp_reward, criteria, is_active
  from progflow.achievements
 where false;

-- Raises (division by zero) when a named constraint, index, trigger or partition is missing.
select 1 / (count(*) = 5)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.achievements'::regclass
   and conname in ('achievements_pkey', 'achievements_slug_key', 'achievements_slug_check', 'achievements_xp_reward_check', 'achievements_criteria_check');

rollback;
