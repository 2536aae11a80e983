-- progflow.tg_users__valid_preferences(): BEFORE INSERT or UPDATE OF preferences on users
begin;
select plan(8);

select has_trigger('progflow', 'users', '_200_valid_preferences', 'users should have the preferences trigger');
select lives_ok($$select tests.create_user('kiri', 'Pacific/Auckland')$$, 'a known time zone should be accepted');
select lives_ok($$select tests.create_user('ute')$$, 'no time zone (UTC) should be accepted');
select throws_ok($$select tests.create_user('mars', 'Mars/Olympus_Mons')$$, '23514',
                 'preferences.timezone ''Mars/Olympus_Mons'' of user ' || tests.user_id('mars') || ' is not a time zone PostgreSQL knows',
                 'an unknown time zone should be 23514, naming the field');
select throws_ok($$update progflow.users set preferences = '{"timezone": "Europe/Atlantis"}' where username = 'ute'$$,
                 '23514', null, 'an unknown time zone written by an update should be 23514');
select throws_ok($$update progflow.users set preferences = jsonb_build_object('notes', repeat('x', 17000)) where username = 'ute'$$,
                 '23514', null, 'preferences over 16 kB should be 23514');
select lives_ok($$update progflow.users set display_name = 'Ute' where username = 'ute'$$,
                'an update of other columns should not be checked');
select is((select preferences from progflow.users where username = 'ute'), '{}'::jsonb,
          'the refused updates should have changed nothing');

select * from finish();
rollback;
