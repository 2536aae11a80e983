-- Verify progflow:xp_transactions-provenance-backfill on pg

begin;

select 1 / (count(*) = 2)::integer from pg_attribute
 where attrelid = 'progflow.xp_transactions'::regclass and attname in ('db_role', 'xact_id') and attnotnull;

rollback;
