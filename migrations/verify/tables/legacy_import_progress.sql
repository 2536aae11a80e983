-- Verify progflow:tables/legacy_import_progress on pg

begin;

select import_id, row_number, legacy_user_id, problem_id, completed_levels, total_xp, user_id, challenge_id, levels, xp, outcome, reason
  from progflow.legacy_import_progress
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 4)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.legacy_import_progress'::regclass
   and conname in ('legacy_import_progress_pkey', 'legacy_import_progress_import_id_fkey', 'legacy_import_progress_outcome_check', 'legacy_import_progress_rejected_check');
select 'progflow.legacy_import_progress_pending_idx'::regclass;
select 1 / (count(*) = 1)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.legacy_import_progress'::regclass
   and polname in ('owner_all');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.legacy_import_progress'::regclass;

rollback;
