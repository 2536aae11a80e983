-- Verify progflow:tables/user_track_progress on pg

begin;

select id, user_id, track_id, status, progress_percentage, challenges_completed, total_challenges, unlock_date, start_date, completion_date
  from progflow.user_track_progress
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 6)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.user_track_progress'::regclass
   and conname in ('user_track_progress_pkey', 'user_track_progress_user_id_track_id_key', 'user_track_progress_user_id_fkey', 'user_track_progress_track_id_fkey', 'user_track_progress_progress_percentage_check', 'user_track_progress_challenges_check');
select 'progflow.user_track_progress_track_id_idx'::regclass;
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.user_track_progress'::regclass
   and polname in ('owner_all', 'self_read', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.user_track_progress'::regclass;

rollback;
