-- Verify progflow:leaderboard_entries-expires_at on pg

begin;

-- Each check fails unless an object the deploy touched is as the sources declare it.
select 1 / count(*) from pg_catalog.pg_attribute where attrelid = to_regclass('progflow.leaderboard_entries') and attname = 'expires_at' and not attisdropped and format_type(atttypid, atttypmod) = 'timestamp with time zone' and attnotnull = false;

rollback;
