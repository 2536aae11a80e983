-- Verify progflow:tables/legacy_imports on pg

begin;

select id, source, started_at, finished_at, db_role
  from progflow.legacy_imports
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.legacy_imports'::regclass
   and conname in ('legacy_imports_pkey', 'legacy_imports_finished_at_check');
select 'progflow.legacy_imports_unfinished_key'::regclass;
select 1 / (count(*) = 1)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.legacy_imports'::regclass
   and polname in ('owner_all');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.legacy_imports'::regclass;

rollback;
