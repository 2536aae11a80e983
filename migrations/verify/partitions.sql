-- Verify progflow:partitions on pg

begin;

-- Raises (division by zero) unless both tables have a partition for the current month (UTC).
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_class
 where relnamespace = 'progflow'::regnamespace
   and relname in (
     'level_attempts_p' || to_char(now() at time zone 'UTC', 'YYYY_MM'),
     'xp_transactions_p' || to_char(now() at time zone 'UTC', 'YYYY_MM'));

rollback;
