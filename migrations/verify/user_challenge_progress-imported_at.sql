-- Verify progflow:user_challenge_progress-imported_at on pg

begin;

-- Each check fails unless an object the deploy touched is as the sources declare it.
select 1 / count(*) from pg_catalog.pg_attribute where attrelid = to_regclass('progflow.user_challenge_progress') and attname = 'imported_at' and not attisdropped and format_type(atttypid, atttypmod) = 'timestamp with time zone' and attnotnull = false;

rollback;
