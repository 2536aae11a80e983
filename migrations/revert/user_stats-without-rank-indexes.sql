-- Revert progflow:user_stats-without-rank-indexes from pg

-- Outside a transaction: the indexes are built without blocking writes.
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), false); end $$;

create index concurrently if not exists user_stats_total_xp_idx on progflow.user_stats (total_xp desc);
create index concurrently if not exists user_stats_current_level_idx on progflow.user_stats (current_level desc);
create index concurrently if not exists user_stats_current_streak_days_idx on progflow.user_stats (current_streak_days desc);
