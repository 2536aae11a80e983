-- Verify progflow:tables/skills on pg

begin;

select id, slug, name, description, category, parent_skill_id, prerequisites, max_level, xp_per_level, is_active
  from progflow.skills
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 8)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.skills'::regclass
   and conname in ('skills_pkey', 'skills_slug_key', 'skills_parent_skill_id_fkey', 'skills_slug_check', 'skills_parent_skill_id_check', 'skills_max_level_check', 'skills_xp_per_level_check', 'skills_prerequisites_check');
select 'progflow.skills_parent_skill_id_idx'::regclass;
select 1 / (count(*) = 1)::int
  from pg_catalog.pg_trigger
 where tgrelid = 'progflow.skills'::regclass
   and tgname in ('_200_prerequisites_valid');
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.skills'::regclass
   and polname in ('owner_all', 'public_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.skills'::regclass;

rollback;
