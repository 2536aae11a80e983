-- Verify progflow:user_stats-without-rank-indexes on pg

begin;

select 1 / (count(*) = 0)::integer from pg_catalog.pg_class c
 where c.relnamespace = 'progflow'::regnamespace
   and c.relname in ('user_stats_total_xp_idx', 'user_stats_current_level_idx', 'user_stats_current_streak_days_idx');

rollback;
