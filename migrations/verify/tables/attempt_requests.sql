-- Verify progflow:tables/attempt_requests on pg

begin;

select user_id, idempotency_key, request_hash, response, created_at
  from progflow.attempt_requests
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 5)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.attempt_requests'::regclass
   and conname in ('attempt_requests_pkey', 'attempt_requests_user_id_fkey', 'attempt_requests_idempotency_key_check', 'attempt_requests_request_hash_check', 'attempt_requests_response_check');
select 'progflow.attempt_requests_created_at_idx'::regclass;
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.attempt_requests'::regclass
   and polname in ('owner_all', 'self_read', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.attempt_requests'::regclass;

rollback;
