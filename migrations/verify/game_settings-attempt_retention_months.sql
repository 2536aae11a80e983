-- Verify progflow:game_settings-attempt_retention_months on pg

begin;

-- Each check fails unless an object the deploy touched is as the sources declare it.
select 1 / count(*) from pg_catalog.pg_attribute where attrelid = to_regclass('progflow.game_settings') and attname = 'attempt_retention_months' and not attisdropped and format_type(atttypid, atttypmod) = 'integer' and attnotnull = false;
select 1 / count(*) from pg_catalog.pg_constraint where conrelid = to_regclass('progflow.game_settings') and conname = 'game_settings_attempt_retention_months_check';

rollback;
