-- progflow.tg__append_only(): the XP ledger and the audit log refuse UPDATE, DELETE and TRUNCATE;
-- erasing a user takes their ledger rows and leaves the audit trail, without personal data.
begin;
select plan(14);

select has_trigger('progflow', 'xp_transactions', '_000_append_only', 'the ledger should have the append-only row trigger');
select has_trigger('progflow', 'xp_transactions', '_000_append_only_truncate', 'the ledger should have the TRUNCATE trigger');
select tests.load_catalogue();
select tests.create_user('ada');
select tests.create_user('bob');
select progflow.award_xp(tests.user_id('ada'), 50, 'admin', null, 'welcome');
select progflow.award_xp(tests.user_id('bob'), 30, 'admin');

select throws_ok($$update progflow.xp_transactions set amount = 5000 where user_id = tests.user_id('ada')$$, '23001',
                 'the XP ledger is append-only: UPDATE is refused', 'updating a ledger row should be 23001');
select throws_ok($$delete from progflow.xp_transactions where user_id = tests.user_id('ada')$$, '23001',
                 'the XP ledger is append-only: DELETE is refused', 'deleting a ledger row of a user should be 23001');
select throws_ok($$truncate progflow.xp_transactions$$, '23001', 'the XP ledger is append-only: TRUNCATE is refused',
                 'truncating the ledger should be 23001');
select throws_ok($$update progflow.audit_log set details = '{}'$$, '23001', 'the audit log is append-only: UPDATE is refused',
                 'updating an audit row should be 23001');
select throws_ok($$delete from progflow.audit_log$$, '23001', 'the audit log is append-only: DELETE is refused',
                 'deleting an audit row should be 23001');
select throws_ok($$truncate progflow.audit_log$$, '23001', 'the audit log is append-only: TRUNCATE is refused',
                 'truncating the audit log should be 23001');

-- Erasure: ada plays, then is deleted.
select * from tests.submit('ada', 'a', 1, 100);
select * from tests.submit('ada', 'a', 2, 100);
select progflow.use_hint(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 3);
select progflow.start_learning_session(tests.user_id('ada'), 'lesson');
create temporary table ada_trail as select * from progflow.audit_log where user_id = tests.user_id('ada');
select cmp_ok((select count(*)::int from ada_trail), '>=', 1, 'ada should have audit rows for her achievements');

select lives_ok($$delete from progflow.users where id = tests.user_id('ada')$$, 'deleting a user with a full history should work');
select is((select count(*)::int from progflow.xp_transactions where user_id = tests.user_id('ada')), 0,
          'her ledger rows should be erased with her');
select is((select total_xp from progflow.user_stats where user_id = tests.user_id('bob')), 30,
          'another user''s ledger and total should be untouched');
select set_eq($$select id from progflow.audit_log where user_id = tests.user_id('ada')$$, $$select id from ada_trail$$,
              'her audit trail should be kept, row for row');
select is_empty($$select from progflow.audit_log a where a.details::text ~* '(ada@example\.org|"ada")'$$,
                'the audit trail should hold no personal data of hers (email, username)');

select * from finish();
rollback;
