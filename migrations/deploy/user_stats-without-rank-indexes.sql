-- Deploy progflow:user_stats-without-rank-indexes to pg
-- requires: tables/user_stats
-- source: sql/progflow/tables/user_stats.sql sha256:70b1e9cfee19387415cefe1773abb62e55c50a1f320b490a3b6a10a01e7b493d

-- Outside a transaction: DROP INDEX CONCURRENTLY waits for the readers of user_stats instead of
-- locking them out. No query reads these indexes (every board ranks all users with a full scan and
-- a sort, as the plans show); each award's update of the row paid for them with three index
-- entries, and could not be a HOT update.
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), false); end $$;

drop index concurrently if exists progflow.user_stats_total_xp_idx;
drop index concurrently if exists progflow.user_stats_current_level_idx;
drop index concurrently if exists progflow.user_stats_current_streak_days_idx;
