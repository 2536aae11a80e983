-- Verify progflow:tables/jobs on pg

begin;

select name, schedule, call, description, enabled, created_at, updated_at
  from progflow.jobs
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 5)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.jobs'::regclass
   and conname in ('jobs_pkey', 'jobs_name_check', 'jobs_schedule_check', 'jobs_call_check', 'jobs_description_check');
select 1 / (count(*) = 1)::int
  from pg_catalog.pg_trigger
 where tgrelid = 'progflow.jobs'::regclass
   and tgname in ('_100_timestamps');
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.jobs'::regclass
   and polname in ('owner_all', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.jobs'::regclass;

rollback;
