-- Verify progflow:tables/legacy_import_users on pg

begin;

select import_id, row_number, legacy_id, email, username, created_at, signed_up, user_id, outcome, reason
  from progflow.legacy_import_users
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 4)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.legacy_import_users'::regclass
   and conname in ('legacy_import_users_pkey', 'legacy_import_users_import_id_fkey', 'legacy_import_users_outcome_check', 'legacy_import_users_rejected_check');
select 'progflow.legacy_import_users_pending_idx'::regclass;
select 1 / (count(*) = 1)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.legacy_import_users'::regclass
   and polname in ('owner_all');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.legacy_import_users'::regclass;

rollback;
