-- progflow.tg__dashboard_changed(): a write the dashboard counts touches the user's stats row, once per transaction.
-- (Across transactions, tests/python/test_client.py: the version moves with each kind of write.)
begin;
select plan(10);

select has_function('progflow', 'tg__dashboard_changed', array[]::text[], 'tg__dashboard_changed() should exist');
select trigger_is('progflow', 'notifications', '_700_dashboard_changed', 'progflow', 'tg__dashboard_changed',
                  'notifications should move the dashboard''s version');
select trigger_is('progflow', 'user_achievements', '_700_dashboard_changed', 'progflow', 'tg__dashboard_changed',
                  'and so should achievements');
select trigger_is('progflow', 'user_skills', '_700_dashboard_changed', 'progflow', 'tg__dashboard_changed',
                  'and skills');
select trigger_is('progflow', 'user_track_progress', '_700_dashboard_changed', 'progflow', 'tg__dashboard_changed',
                  'and track progress');

select tests.load_catalogue();
select tests.create_user('ada');
select tests.create_user('bob');
-- ada's stats row was written by this transaction (created with her): a write for her leaves it alone.
create temporary table before on commit drop as
select s.user_id, s.ctid::text as row_at from progflow.user_stats s;
insert into progflow.notifications (user_id, type, title) values (tests.user_id('ada'), 'streak', 'hello');
update progflow.notifications set is_read = true, read_at = now() where user_id = tests.user_id('ada');
select is((select s.ctid::text from progflow.user_stats s where s.user_id = tests.user_id('ada')),
          (select b.row_at from before b where b.user_id = tests.user_id('ada')),
          'a stats row this transaction already wrote should not get another version');

-- In a subtransaction the row carries another xid than the transaction's: every kind of write touches it.
savepoint fresh;
update progflow.user_stats set total_xp = total_xp where user_id = tests.user_id('bob');
release savepoint fresh;
create temporary table bob_before on commit drop as
select s.ctid::text as row_at from progflow.user_stats s where s.user_id = tests.user_id('bob');
insert into progflow.user_skills (user_id, skill_id, current_level, points_allocated)
values (tests.user_id('bob'), '00000000-0000-0000-0000-0000000000e1', 1, 1);
select isnt((select s.ctid::text from progflow.user_stats s where s.user_id = tests.user_id('bob')),
            (select row_at from bob_before), 'a skill allocated should touch the owner''s stats row');
select is((select s.xmin::text from progflow.user_stats s where s.user_id = tests.user_id('bob')),
          pg_current_xact_id()::xid::text, 'which then carries the transaction''s xid');
select is((select s.ctid::text from progflow.user_stats s where s.user_id = tests.user_id('ada')),
          (select b.row_at from before b where b.user_id = tests.user_id('ada')),
          'and no one else''s');
select lives_ok($$delete from progflow.users where id = tests.user_id('bob')$$,
                'deleting a user should cascade through the triggered tables and the stats row alike');

select * from finish();
rollback;
