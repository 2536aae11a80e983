-- Verify progflow:tables/hint_usage on pg

begin;

select id, user_id, challenge_id, level_number, hint_number, xp_penalty, used_at
  from progflow.hint_usage
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 7)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.hint_usage'::regclass
   and conname in ('hint_usage_pkey', 'hint_usage_user_id_challenge_id_level_number_hint_number_key', 'hint_usage_user_id_fkey', 'hint_usage_challenge_id_level_number_fkey', 'hint_usage_level_number_check', 'hint_usage_hint_number_check', 'hint_usage_xp_penalty_check');
select 'progflow.hint_usage_challenge_id_level_number_idx'::regclass;
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.hint_usage'::regclass
   and polname in ('owner_all', 'self_read', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.hint_usage'::regclass;

rollback;
