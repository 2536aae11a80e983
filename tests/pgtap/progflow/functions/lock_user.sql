-- progflow.lock_user(p_user_id uuid) returns progflow.user_stats
begin;
select plan(7);

select has_function('progflow', 'lock_user', array['uuid'], 'lock_user(uuid) should exist');
select function_returns('progflow', 'lock_user', array['uuid'], 'progflow.user_stats', 'it should return the stats row');
select tests.create_user('ada');
select is((progflow.lock_user(tests.user_id('ada'))).user_id, tests.user_id('ada'), 'it should return the user''s row');

delete from progflow.user_stats where user_id = tests.user_id('ada');
select is((progflow.lock_user(tests.user_id('ada'))).total_xp, 0, 'a user without a stats row should get one');
select throws_ok($$select progflow.lock_user('00000000-0000-0000-0000-000000000999')$$, 'P0002',
                 'user 00000000-0000-0000-0000-000000000999 does not exist', 'an unknown user should be P0002, named');
select throws_ok('select progflow.lock_user(null)', '22023', null, 'a NULL user should be refused');

-- The locks it takes: the users row FOR NO KEY UPDATE (the first of the canonical order, which a
-- profile edit or the user's deletion locks as well), then the user_stats row FOR UPDATE.
create extension pgrowlocks;
select tests.create_user('bob');
select progflow.lock_user(tests.user_id('bob'));
select results_eq($$
  select 'users ' || array_to_string(l.modes, ',') from progflow.users u, pgrowlocks('progflow.users') l
   where l.locked_row = u.ctid and u.id = tests.user_id('bob')
  union all
  select 'user_stats ' || array_to_string(l.modes, ',') from progflow.user_stats s, pgrowlocks('progflow.user_stats') l
   where l.locked_row = s.ctid and s.user_id = tests.user_id('bob')
$$, $$values ('users For No Key Update'), ('user_stats For Update')$$,
  'it should hold the user''s users row FOR NO KEY UPDATE and their user_stats row FOR UPDATE');

select * from finish();
rollback;
