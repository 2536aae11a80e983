-- Verify progflow:tables/user_stats on pg

begin;

select user_id, total_xp, current_level, total_challenges_started, total_challenges_completed, total_levels_completed, total_time_spent_minutes, current_streak_days, longest_streak_days, last_activity_date, perfect_levels, first_passes_by_hour, updated_at
  from progflow.user_stats
 where false;

-- Raises (division by zero) when a named constraint, index, trigger, partition or policy is missing,
-- or row-level security is not enforced.
select 1 / (count(*) = 7)::int
  from pg_catalog.pg_constraint
 where conrelid = 'progflow.user_stats'::regclass
   and conname in ('user_stats_pkey', 'user_stats_user_id_fkey', 'user_stats_total_xp_check', 'user_stats_current_level_check', 'user_stats_counters_check', 'user_stats_first_passes_by_hour_check', 'user_stats_streak_check');
-- (Its three indexes on the counters are gone since user_stats-without-rank-indexes; its percentile,
-- with its check, since leaderboard-ranks-by-value.)
select 1 / (count(*) = 1)::int
  from pg_catalog.pg_trigger
 where tgrelid = 'progflow.user_stats'::regclass
   and tgname in ('_100_timestamps');
select 1 / (count(*) = 3)::int
  from pg_catalog.pg_policy
 where polrelid = 'progflow.user_stats'::regclass
   and polname in ('owner_all', 'self_read', 'service_read');
select 1 / (relrowsecurity and relforcerowsecurity)::int
  from pg_catalog.pg_class
 where oid = 'progflow.user_stats'::regclass;

rollback;
