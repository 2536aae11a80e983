-- progflow.user_id_by_login(login text) returns uuid: sign-in by email or username, by a unique index
begin;
select plan(10);

select has_function('progflow', 'user_id_by_login', array['text'], 'it should exist');
insert into progflow.users (email, username)
select format('learner%s@example.org', n), format('learner%s', n) from generate_series(1, 3000) n;
insert into progflow.users (id, email, username) values (tests.user_id('ada'), 'Ada.Lovelace@Example.org', 'Ada_L');
analyze progflow.users;

select is(progflow.user_id_by_login('ada.lovelace@example.ORG'), tests.user_id('ada'), 'an email should match in any case');
select is(progflow.user_id_by_login('  ADA_l '), tests.user_id('ada'), 'and so should a username, spaces around it ignored');
select is(progflow.user_id_by_login('nobody@example.org'), null, 'an unknown login should give NULL');
select throws_ok($$select progflow.user_id_by_login(null)$$, '22023', null, 'a NULL login should be 22023');
select throws_ok($$select progflow.user_id_by_login('   ')$$, '22023', null, 'and so should a blank one');
select throws_ok($$select progflow.user_id_by_login(repeat('a', 256))$$, '22023', null, 'and one over 255 characters');

-- The plan the call runs: its scans in this transaction, counted by the statistics.
create temporary table scans_before on commit drop as
select pg_stat_get_xact_numscans('progflow.users'::regclass) as seq,
       pg_stat_get_xact_numscans('progflow.users_lower_email_key'::regclass) as email,
       pg_stat_get_xact_numscans('progflow.users_lower_username_key'::regclass) as username;
select progflow.user_id_by_login('learner2999@example.org');
select progflow.user_id_by_login('Learner17');
select results_eq($$select pg_stat_get_xact_numscans('progflow.users'::regclass) - seq,
                           pg_stat_get_xact_numscans('progflow.users_lower_email_key'::regclass) - email,
                           pg_stat_get_xact_numscans('progflow.users_lower_username_key'::regclass) - username
                      from scans_before$$,
                  $$values (0::bigint, 1::bigint, 1::bigint)$$,
                  'each lookup should read its unique index once and never scan users');

select is(tests.outcome_as('progflow_app', null, 'select progflow.user_id_by_login(''Ada_L'')'), 'denied',
          'the app should not look users up: it cannot list them');
select is(tests.outcome_as('progflow_service', null, 'select progflow.user_id_by_login(''Ada_L'')'), '1 rows',
          'the authentication service (progflow_service) should');

select * from finish();
rollback;
