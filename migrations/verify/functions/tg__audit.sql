-- Verify progflow:functions/tg__audit on pg

begin;

select 'progflow.tg__audit'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_trigger where tgrelid = 'progflow.game_settings'::regclass and tgname = '_900_audit';

rollback;
