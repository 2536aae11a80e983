-- progflow.streak_after(p_stats progflow.user_stats, p_at timestamptz, p_timezone text)
--   returns table (current_streak_days, last_activity_date, streak_started_at)
-- docs/rules.md, Streaks: one attempt moves the streak on; never faster than real time.
begin;
select plan(20);

select has_function('progflow', 'streak_after', array['progflow.user_stats', 'timestamp with time zone', 'text'],
                    'streak_after should exist');
select volatility_is('progflow', 'streak_after', array['progflow.user_stats', 'timestamp with time zone', 'text'],
                     'stable', 'streak_after should be stable');
select tests.create_user('ada');

-- One attempt of ada's at an instant in a zone, written back as submit_level_attempt writes it.
create function pg_temp.attempt(p_at timestamptz, p_timezone text default 'UTC')
  returns text
  language sql
as $$
  update progflow.user_stats s
     set current_streak_days = n.current_streak_days,
         longest_streak_days = greatest(s.longest_streak_days, n.current_streak_days),
         last_activity_date = n.last_activity_date, streak_started_at = n.streak_started_at
    from progflow.user_stats o
   cross join lateral progflow.streak_after(o, p_at, p_timezone) n
   where o.user_id = tests.user_id('ada') and s.user_id = o.user_id
  returning s.current_streak_days || ' ' || s.last_activity_date
$$;

select is(pg_temp.attempt('2026-03-01 12:00Z'), '1 2026-03-01', 'a first attempt should start a streak of 1');
select is((select streak_started_at from progflow.user_stats where user_id = tests.user_id('ada')),
          '2026-03-01 12:00Z'::timestamptz, 'the streak should remember when its first attempt was');
select is(pg_temp.attempt('2026-03-01 20:00Z'), '1 2026-03-01', 'another attempt the same day should change nothing');
select is(pg_temp.attempt('2026-03-02 00:30Z'), '2 2026-03-02', 'the next calendar day should add one');
select is(pg_temp.attempt('2026-03-03 00:10Z'), '3 2026-03-03', 'and the day after, one more');
select is(pg_temp.attempt('2026-03-03 10:30Z', 'Pacific/Kiritimati'), '3 2026-03-04',
          'a move east onto the next calendar day 46 hours into a 3-day streak should keep it going without adding');
select is(pg_temp.attempt('2026-03-03 11:00Z', 'Etc/GMT+12'), '3 2026-03-04',
          'a move west onto an earlier calendar day should change nothing');
select is(pg_temp.attempt('2026-03-05 12:00Z'), '4 2026-03-05', 'the next day, in real time, should add one again');
select is(pg_temp.attempt('2026-03-08 12:00Z'), '1 2026-03-08', 'a day skipped should start over at 1');
select is((select streak_started_at from progflow.user_stats where user_id = tests.user_id('ada')),
          '2026-03-08 12:00Z'::timestamptz, 'the new streak should start at its own first attempt');

-- The fastest honest user: 23:59, then just after each midnight.
select null from pg_temp.attempt('2026-04-01 23:59Z');
select is(pg_temp.attempt('2026-04-02 00:00:30Z'), '2 2026-04-02', 'a minute later, past midnight, should count day 2');
select is(pg_temp.attempt('2026-04-03 00:00:30Z'), '3 2026-04-03', 'and 24 hours later, day 3');

-- Fourteen zones in one instant (the attack of issue 13) reach at most one day ahead.
select is((select max(pg_temp.attempt('2026-04-03 12:00Z', z))
             from unnest(array['Etc/GMT+12', 'Pacific/Honolulu', 'America/New_York', 'UTC', 'Europe/Berlin',
                               'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland',
                               'Pacific/Kiritimati', 'Pacific/Chatham', 'Asia/Kathmandu', 'Pacific/Tongatapu',
                               'Etc/GMT-14']) z),
          '3 2026-04-04', 'zone after zone at one instant should not grow the streak past what real time allows');

-- A streak counted before streak_started_at existed: the start of its first day stands in.
update progflow.user_stats set current_streak_days = 5, longest_streak_days = 5, last_activity_date = '2026-05-10',
                               streak_started_at = null
 where user_id = tests.user_id('ada');
select is(pg_temp.attempt('2026-05-11 00:01Z'), '6 2026-05-11',
          'a streak carried over from an older version should go on the next day');

select throws_ok($$select * from progflow.streak_after((select s from progflow.user_stats s limit 1), now(), 'Mars/Olympus')$$,
                 '22023', null, 'an unknown time zone should be 22023');
select throws_ok($$select * from progflow.streak_after((select s from progflow.user_stats s limit 1), now(), null)$$,
                 '22023', null, 'a NULL time zone should be 22023');
select throws_ok($$select * from progflow.streak_after((select s from progflow.user_stats s limit 1), '-infinity', 'UTC')$$,
                 '22023', null, 'an infinite time should be 22023');
select throws_ok($$select * from progflow.streak_after((select s from progflow.user_stats s limit 1), null, 'UTC')$$,
                 '22023', null, 'a NULL time should be 22023');

select * from finish();
rollback;
