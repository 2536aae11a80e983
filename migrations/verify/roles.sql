-- Verify progflow:roles on pg

begin;

-- Raises (division by zero) when a role is missing.
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_roles
 where rolname in ('progflow_readonly', 'progflow_app', 'progflow_service');

rollback;
