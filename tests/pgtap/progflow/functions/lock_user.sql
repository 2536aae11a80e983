-- progflow.lock_user(p_user_id uuid) returns progflow.user_stats
begin;
select plan(6);

select has_function('progflow', 'lock_user', array['uuid'], 'lock_user(uuid) should exist');
select function_returns('progflow', 'lock_user', array['uuid'], 'progflow.user_stats', 'it should return the stats row');
select tests.create_user('ada');
select is((progflow.lock_user(tests.user_id('ada'))).user_id, tests.user_id('ada'), 'it should return the user''s row');

delete from progflow.user_stats where user_id = tests.user_id('ada');
select is((progflow.lock_user(tests.user_id('ada'))).total_xp, 0, 'a user without a stats row should get one');
select throws_ok($$select progflow.lock_user('00000000-0000-0000-0000-000000000999')$$, 'P0002',
                 'user 00000000-0000-0000-0000-000000000999 does not exist', 'an unknown user should be P0002, named');
select throws_ok('select progflow.lock_user(null)', '22023', null, 'a NULL user should be refused');

select * from finish();
rollback;
