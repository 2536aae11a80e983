-- progflow.tg__audit(): an audit row for every achievement unlock and catalogue change; the XP ledger
-- records its writers itself.
begin;
select plan(11);

select tests.load_catalogue();
select tests.create_user('ada');
select set_config('progflow.user_id', tests.user_id('ada')::text, true);

select progflow.award_xp(tests.user_id('ada'), 50, 'admin', 'bounty-7', 'A bug report');
select is_empty($$select from progflow.audit_log where action = 'xp'$$,
                'an award should write no audit row: the ledger row is its own record');
select results_eq($$select db_role = session_user, acting_user, xact_id = pg_current_xact_id()
                    from progflow.xp_transactions where source_id = 'bounty-7'$$,
                  $$values (true, tests.user_id('ada'), true)$$,
                  'the ledger row should record the role, the acting user and the transaction');

select * from tests.submit('ada', 'a', 1, 100);
select * from tests.submit('ada', 'a', 2, 100);
select is_empty($$select from pg_trigger where tgrelid = 'progflow.xp_transactions'::regclass and tgname = '_900_audit'$$,
                'the ledger should have no audit trigger');
select is_empty($$select from progflow.user_achievements u
                   where not exists (select from progflow.audit_log a where a.action = 'achievement' and a.object_id = u.id::text)$$,
                'every achievement unlock should have its audit row');
select cmp_ok((select count(*)::int from progflow.audit_log where action = 'achievement'), '>', 0,
              'the attempts should have unlocked an achievement');

select set_config('progflow.user_id', '', true);
-- The audit rows written from here on.
create temporary table mark as select max(id) as id from progflow.audit_log;
create or replace temporary view later as select * from progflow.audit_log where id > (select id from mark);
update progflow.challenges set title = 'A, retitled' where slug = 'a';
select results_eq($$select action::text, object::text, acting_user, details from later where object = 'challenges'$$,
                  $$values ('update', 'challenges', null::uuid, '{"slug": "a", "changed": ["title"]}'::jsonb)$$,
                  'a catalogue update should be audited with the columns it changed');
update progflow.challenges set title = title where slug = 'a';
select is((select count(*)::int from later where object = 'challenges'), 1,
          'an update that changes nothing should not be audited');
insert into progflow.skills (slug, name, max_level, xp_per_level) values ('audit-test', 'Audit test', 3, 100);
select is((select details from later where object = 'skills' and action = 'insert'), '{"slug": "audit-test"}'::jsonb,
          'a catalogue insert should be audited with the slug');
delete from progflow.skills where slug = 'audit-test';
select is((select count(*)::int from later where object = 'skills' and action = 'delete'), 1,
          'a catalogue delete should be audited');
select is((select count(*)::int from later where object = 'challenge_levels'), 0,
          'tables not written should have no audit rows');
select cmp_ok((select count(*)::int from progflow.audit_log where object = 'challenge_levels' and action = 'insert'), '>', 0,
              'loading the catalogue should have been audited');

select * from finish();
rollback;
