-- progflow.leaderboard_around(user, period, metric, period_date, size): the board around a user
begin;
select plan(10);

select has_function('progflow', 'leaderboard_around',
                    array['uuid', 'progflow.leaderboard_period', 'text', 'date', 'integer'], 'it should exist');
-- 2000 ranked users on this week's and the all-time XP boards; ranks 10 and 11 are shared by four users each
insert into progflow.users (id, email, username)
select md5('u' || n)::uuid, format('u%s@example.org', n), format('user%s', n) from generate_series(1, 2000) n;
insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username,
                                          level, rank_title)
select p.period, p.day, md5('u' || n)::uuid, 'xp', 100000 - r, format('user%s', n), 1, 'Novice'
  from generate_series(1, 2000) n
 cross join lateral (select case when n between 10 and 13 then 10 when n between 14 and 17 then 14 else n end as r) k
 cross join (values ('weekly'::progflow.leaderboard_period, date_trunc('week', now() at time zone 'UTC')::date),
                    ('all_time', null)) p(period, day);
select tests.rank_boards();
analyze progflow.users, progflow.leaderboard_entries, progflow.leaderboard_ranks;

select results_eq($$select rank, user_id, is_me from progflow.leaderboard_around(md5('u1000')::uuid, 'weekly', 'xp', null, 2)$$,
                  $$values (998, md5('u998')::uuid, false), (999, md5('u999')::uuid, false), (1000, md5('u1000')::uuid, true),
                           (1001, md5('u1001')::uuid, false), (1002, md5('u1002')::uuid, false)$$,
                  'two entries above and two below, and the user''s own, in rank order');
select results_eq($$select user_id from progflow.leaderboard_around(md5('u11')::uuid, 'all_time', 'xp', null, 3)$$,
                  $$with board as (select user_id, row_number() over (order by metric_value desc, user_id desc) as pos
                                     from progflow.leaderboard_entries where period_type = 'all_time' and metric_type = 'xp'),
                         me as (select pos from board where user_id = md5('u11')::uuid)
                    select b.user_id from board b, me where b.pos between me.pos - 3 and me.pos + 3 order by b.pos$$,
                  'on the all-time board, among ties of rank, three each way in the order of rank and user id (descending)');
select results_eq($$select rank from progflow.leaderboard_around(md5('u1')::uuid, 'weekly', 'xp')$$,
                  $$values (1), (2), (3), (4), (5), (6)$$, 'the leader has no one above');
select is_empty($$select from progflow.leaderboard_around(md5('u1')::uuid, 'daily', 'xp')$$,
                'a user not on a board should get nothing');

-- Its cost: index reads around the user, never a scan of the board, however often it is called.
create temporary table before on commit drop as
select pg_stat_get_xact_numscans('progflow.leaderboard_entries'::regclass) as seq_scans,
       pg_stat_get_xact_tuples_fetched('progflow.leaderboard_entries'::regclass) as fetched;
select count(*) from generate_series(1, 12) n, progflow.leaderboard_around(md5('u' || (n * 150))::uuid,
                                                                           case when n % 2 = 0 then 'weekly' else 'all_time' end::progflow.leaderboard_period);
select results_eq($$select pg_stat_get_xact_numscans('progflow.leaderboard_entries'::regclass) - seq_scans,
                           pg_stat_get_xact_tuples_fetched('progflow.leaderboard_entries'::regclass) - fetched < 12 * 40
                      from before$$,
                  $$values (0::bigint, true)$$, 'twelve calls should read a few rows each by index, none by a scan');

select throws_ok($$select * from progflow.leaderboard_around(md5('u1')::uuid, 'weekly', 'karma')$$, '22023', null,
                 'an unknown metric should be 22023');
select throws_ok($$select * from progflow.leaderboard_around(md5('u1')::uuid, 'weekly', 'xp', null, 51)$$, '22023', null,
                 'and so should more than 50 each way');
select is(tests.outcome_as('progflow_app', md5('u5')::uuid,
                           format('select * from progflow.leaderboard_around(%L, ''all_time'')', md5('u5'))),
          '10 rows', 'the backend acting for a user should see the board around them (ranks 1 to 10)');
select is(tests.outcome_as('progflow_app', md5('u5')::uuid,
                           format('select * from progflow.leaderboard_around(%L, ''all_time'')', md5('u6'))),
          'denied', 'but not ask around another user');

select * from finish();
rollback;
