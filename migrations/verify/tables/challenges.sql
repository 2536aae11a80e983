-- Verify progflow:tables/challenges on pg

begin;

select id, slug, title, description, category, track_id, order_in_track, difficulty_base, xp_base, estimated_minutes, prerequisites, ddia_concepts, tags, metadata, is_active, created_at
  from progflow.challenges
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 11)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.challenges'::regclass
   and conname in ('challenges_pkey', 'challenges_slug_key', 'challenges_track_id_fkey', 'challenges_slug_check', 'challenges_order_in_track_check', 'challenges_xp_base_check', 'challenges_estimated_minutes_check', 'challenges_prerequisites_check', 'challenges_ddia_concepts_check', 'challenges_tags_check', 'challenges_metadata_check');
select 'progflow.challenges_track_id_order_in_track_idx'::regclass;
select 'progflow.challenges_category_idx'::regclass;
select 'progflow.challenges_prerequisites_idx'::regclass;
select 'progflow.challenges_tags_idx'::regclass;
select 'progflow.challenges_ddia_concepts_idx'::regclass;
select 1 / (count(*) = 1)::int
  from pg_catalog.pg_trigger
 where tgrelid = 'progflow.challenges'::regclass
   and tgname in ('_200_prerequisites_valid');
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.challenges'::regclass
   and polname in ('owner_all', 'public_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.challenges'::regclass;

rollback;
