-- Verify progflow:tables/xp_transactions on pg

begin;

select id, user_id, amount, source_type, source_id, description, created_at
  from progflow.xp_transactions
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 4)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.xp_transactions'::regclass
   and conname in ('xp_transactions_pkey', 'xp_transactions_user_id_fkey', 'xp_transactions_amount_check', 'xp_transactions_source_type_check');
select 'progflow.xp_transactions_user_id_created_at_idx'::regclass;
select 'progflow.xp_transactions_created_at_idx'::regclass;
select 1 / count(*)
  from pg_catalog.pg_inherits
 where inhrelid = 'progflow.xp_transactions_default'::regclass and inhparent = 'progflow.xp_transactions'::regclass;
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.xp_transactions'::regclass
   and polname in ('owner_all', 'self_read', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.xp_transactions'::regclass;

rollback;
