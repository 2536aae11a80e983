-- Verify progflow:tables/user_skills on pg

begin;

select id, user_id, skill_id, current_level, points_allocated, unlocked_at, mastered_at
  from progflow.user_skills
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 6)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.user_skills'::regclass
   and conname in ('user_skills_pkey', 'user_skills_user_id_skill_id_key', 'user_skills_user_id_fkey', 'user_skills_skill_id_fkey', 'user_skills_current_level_check', 'user_skills_points_allocated_check');
select 'progflow.user_skills_skill_id_idx'::regclass;
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.user_skills'::regclass
   and polname in ('owner_all', 'self_read', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.user_skills'::regclass;

rollback;
