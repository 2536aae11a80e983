-- Verify progflow:tables/audit_log on pg

begin;

select id, logged_at, db_role, acting_user, action, object, object_id, user_id, details, xact_id
  from progflow.audit_log
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.audit_log'::regclass
   and conname in ('audit_log_pkey', 'audit_log_action_check', 'audit_log_details_check');
select 'progflow.audit_log_user_id_logged_at_idx'::regclass;
select 'progflow.audit_log_logged_at_idx'::regclass;
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.audit_log'::regclass
   and polname in ('owner_all', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.audit_log'::regclass;

rollback;
