-- Verify progflow:tables/learning_tracks on pg

begin;

select id, slug, title, description, difficulty_level, estimated_hours, prerequisites, order_index, is_active, metadata, created_at
  from progflow.learning_tracks
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 7)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.learning_tracks'::regclass
   and conname in ('learning_tracks_pkey', 'learning_tracks_slug_key', 'learning_tracks_slug_check', 'learning_tracks_estimated_hours_check', 'learning_tracks_order_index_check', 'learning_tracks_prerequisites_check', 'learning_tracks_metadata_check');
select 'progflow.learning_tracks_difficulty_level_idx'::regclass;
select 'progflow.learning_tracks_order_index_idx'::regclass;
select 1 / (count(*) = 1)::int
  from pg_catalog.pg_trigger
 where tgrelid = 'progflow.learning_tracks'::regclass
   and tgname in ('_200_prerequisites_valid');
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.learning_tracks'::regclass
   and polname in ('owner_all', 'public_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.learning_tracks'::regclass;

rollback;
