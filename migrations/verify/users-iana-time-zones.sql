-- Verify progflow:users-iana-time-zones on pg

begin;

-- Raises (division by zero) while any user has a time zone that is not an IANA name.
select 1 / (count(*) = 0)::int
  from progflow.users u
 where u.preferences ? 'timezone'
   and not exists (select from pg_catalog.pg_timezone_names z where z.name = u.preferences ->> 'timezone');

rollback;
