-- Verify progflow:tables/job_runs on pg

begin;

select id, job_name, started_at, finished_at, outcome, result, error_code, error, runner, db_role
  from progflow.job_runs
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 5)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.job_runs'::regclass
   and conname in ('job_runs_pkey', 'job_runs_job_name_fkey', 'job_runs_outcome_check', 'job_runs_error_check', 'job_runs_finished_at_check');
select 'progflow.job_runs_job_name_started_at_idx'::regclass;
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.job_runs'::regclass
   and polname in ('owner_all', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.job_runs'::regclass;

rollback;
