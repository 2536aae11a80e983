-- Verify progflow:views/challenge_page on pg

begin;

select null from progflow.challenge_page where false;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_views where schemaname = 'progflow' and viewname = 'challenge_page'
   and definition like '%hint_count%' and definition not like '%jsonb_array_length%';

rollback;
