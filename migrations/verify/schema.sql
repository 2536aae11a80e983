-- Verify progflow:schema on pg

begin;

select pg_catalog.has_schema_privilege('progflow', 'usage');

rollback;
