-- Verify progflow:tables/leaderboard_entries on pg

begin;

select id, period_type, period_date, user_id, metric_type, metric_value, username, display_name, avatar_url, level, rank_title, created_at
  from progflow.leaderboard_entries
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 7)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.leaderboard_entries'::regclass
   and conname in ('leaderboard_entries_pkey', 'leaderboard_entries_period_user_metric_key', 'leaderboard_entries_user_id_fkey', 'leaderboard_entries_metric_type_check', 'leaderboard_entries_period_date_check', 'leaderboard_entries_metric_value_check', 'leaderboard_entries_level_check');
-- (Its rank, with its check and its two rank indexes, is gone since leaderboard-ranks-by-value.)
select 'progflow.leaderboard_entries_user_id_idx'::regclass;
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.leaderboard_entries'::regclass
   and polname in ('owner_all', 'public_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.leaderboard_entries'::regclass;

rollback;
