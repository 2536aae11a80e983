-- Verify progflow:tables/legacy_user_map on pg

begin;

select legacy_id, user_id, import_id, mapped_at
  from progflow.legacy_user_map
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 5)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.legacy_user_map'::regclass
   and conname in ('legacy_user_map_pkey', 'legacy_user_map_user_id_key', 'legacy_user_map_user_id_fkey', 'legacy_user_map_import_id_fkey', 'legacy_user_map_legacy_id_check');
select 'progflow.legacy_user_map_import_id_idx'::regclass;
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.legacy_user_map'::regclass
   and polname in ('owner_all', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.legacy_user_map'::regclass;

rollback;
