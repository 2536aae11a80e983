-- progflow.tg_users__valid_preferences(): BEFORE INSERT or UPDATE OF preferences on users
-- preferences.timezone takes only IANA names (pg_timezone_names), checked on insert and when it changes.
begin;
select plan(15);

select has_trigger('progflow', 'users', '_200_valid_preferences', 'users should have the preferences trigger');
select lives_ok($$select tests.create_user('kiri', 'Pacific/Auckland')$$, 'an IANA time zone should be accepted');
select lives_ok($$select tests.create_user('ute')$$, 'no time zone (UTC) should be accepted');
select throws_ok($$select tests.create_user('mars', 'Mars/Olympus_Mons')$$, '23514',
                 'preferences.timezone ''Mars/Olympus_Mons'' of user ' || tests.user_id('mars') || ' is not an IANA time zone name',
                 'an unknown time zone should be 23514, naming the field');
-- PostgreSQL itself would take these (and put the user's calendar day where they like).
select throws_ok($$select tests.create_user('posix', 'UTC+167')$$, '23514', null,
                 'a POSIX time zone specification (UTC+167) should be 23514');
select throws_ok($$select tests.create_user('posix', '<+99>-99')$$, '23514', null,
                 'a POSIX specification with a made-up abbreviation (<+99>-99) should be 23514');
select throws_ok($$select tests.create_user('posix', 'PST')$$, '23514', null,
                 'a time zone abbreviation (PST) should be 23514');
select is((select count(*)::int from progflow.users where username in ('mars', 'posix')), 0,
          'the refused sign-ups should create no user');
select throws_ok($$update progflow.users set preferences = '{"timezone": "Europe/Atlantis"}' where username = 'ute'$$,
                 '23514', null, 'an unknown time zone written by an update should be 23514');
select throws_ok($$update progflow.users set preferences = '{"timezone": "UTC+167"}' where username = 'ute'$$,
                 '23514', 'preferences.timezone ''UTC+167'' of user ' || tests.user_id('ute') || ' is not an IANA time zone name',
                 'a POSIX specification written by an update should be 23514 too');
select throws_ok($$update progflow.users set preferences = jsonb_build_object('notes', repeat('x', 17000)) where username = 'ute'$$,
                 '23514', null, 'preferences over 16 kB should be 23514');
select lives_ok($$update progflow.users set display_name = 'Ute' where username = 'ute'$$,
                'an update of other columns should not be checked');
select is((select preferences from progflow.users where username = 'ute'), '{}'::jsonb,
          'the refused updates should have changed nothing');
select lives_ok($$update progflow.users set preferences = '{"timezone": "America/Los_Angeles"}' where username = 'kiri'$$,
                'a change to another IANA time zone should be accepted');

-- A zone stored before names were checked (written here with the trigger off) is checked only
-- when it changes: another preference can still be written beside it.
alter table progflow.users disable trigger _200_valid_preferences;
select tests.create_user('legacy', 'PST');
alter table progflow.users enable trigger _200_valid_preferences;
select lives_ok($$update progflow.users set preferences = preferences || '{"theme": "dark"}' where username = 'legacy'$$,
                'an update that keeps the stored zone should not check it again');

select * from finish();
rollback;
