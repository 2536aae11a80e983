-- Verify progflow:tables/audit_log on pg

begin;

select id, logged_at, db_role, acting_user, action, object, object_id, user_id, details, xact_id
  from progflow.audit_log
 where false;

-- Raises (division by zero) when a named constraint, index, trigger or partition is missing.
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.audit_log'::regclass
   and conname in ('audit_log_pkey', 'audit_log_action_check', 'audit_log_details_check');
select 'progflow.audit_log_user_id_logged_at_idx'::regclass;
select 'progflow.audit_log_logged_at_idx'::regclass;

rollback;
