-- Verify progflow:functions/tg__audit on pg

begin;

-- The function by its whole signature: it runs as its caller, its search_path pinned,
-- executable by its owner only and never by PUBLIC.
select 1 / count(*) from pg_catalog.pg_proc p
 where p.oid = 'progflow.tg__audit()'::regprocedure
   and p.prosecdef = false
   and p.proconfig @> array['search_path=pg_catalog, pg_temp']
   and not pg_catalog.has_function_privilege('public', p.oid, 'execute');
-- (The trigger this change put on xp_transactions is gone since xp_transactions-provenance: the
-- ledger row is its own audit record.)
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_900_audit' and t.tgrelid = 'progflow.user_achievements'::regclass
   and t.tgfoid = 'progflow.tg__audit()'::regprocedure;
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_900_audit' and t.tgrelid = 'progflow.learning_tracks'::regclass
   and t.tgfoid = 'progflow.tg__audit()'::regprocedure;
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_900_audit' and t.tgrelid = 'progflow.challenges'::regclass
   and t.tgfoid = 'progflow.tg__audit()'::regprocedure;
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_900_audit' and t.tgrelid = 'progflow.challenge_levels'::regclass
   and t.tgfoid = 'progflow.tg__audit()'::regprocedure;
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_900_audit' and t.tgrelid = 'progflow.skills'::regclass
   and t.tgfoid = 'progflow.tg__audit()'::regprocedure;
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_900_audit' and t.tgrelid = 'progflow.achievements'::regclass
   and t.tgfoid = 'progflow.tg__audit()'::regprocedure;
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_900_audit' and t.tgrelid = 'progflow.assessment_questions'::regclass
   and t.tgfoid = 'progflow.tg__audit()'::regprocedure;
select 1 / count(*) from pg_catalog.pg_trigger t
 where t.tgname = '_900_audit' and t.tgrelid = 'progflow.game_settings'::regclass
   and t.tgfoid = 'progflow.tg__audit()'::regprocedure;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_trigger where tgrelid = 'progflow.game_settings'::regclass and tgname = '_900_audit';

rollback;
