-- Verify progflow:users-profile_visibility on pg

begin;

-- Each check fails unless an object the deploy touched is as the sources declare it.
select 1 / count(*) from pg_catalog.pg_attribute where attrelid = to_regclass('progflow.users') and attname = 'preferences' and not attisdropped and format_type(atttypid, atttypmod) = 'jsonb' and attnotnull = true;
select 1 / count(*) from pg_catalog.pg_constraint where conrelid = to_regclass('progflow.users') and conname = 'users_profile_visibility_check';

rollback;
