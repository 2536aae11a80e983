-- progflow.current_streak(p_streak integer, p_last_activity_date date, p_timezone text, p_at timestamptz default now())
--   returns integer
-- docs/rules.md, Streaks: a streak reads 0 from the start of the second local day without activity.
begin;
select plan(17);

select has_function('progflow', 'current_streak', array['integer', 'date', 'text', 'timestamp with time zone'],
                    'current_streak should exist');
select volatility_is('progflow', 'current_streak', array['integer', 'date', 'text', 'timestamp with time zone'],
                     'stable', 'current_streak should be stable');

-- Last active on 10 March, local time: the streak holds through the 11th and reads 0 from the 12th.
select is(progflow.current_streak(5, '2026-03-10', 'Pacific/Honolulu', '2026-03-12 09:59:59Z'), 5,
          'Honolulu (UTC-10): at 23:59:59 on the day after, the streak should still hold');
select is(progflow.current_streak(5, '2026-03-10', 'Pacific/Honolulu', '2026-03-12 10:00:00Z'), 0,
          'Honolulu: at its midnight, the streak should read 0');
select is(progflow.current_streak(5, '2026-03-10', 'UTC', '2026-03-11 23:59:59Z'), 5,
          'UTC: at 23:59:59 on the day after, the streak should still hold');
select is(progflow.current_streak(5, '2026-03-10', 'UTC', '2026-03-12 00:00:00Z'), 0,
          'UTC: at midnight, the streak should read 0');
select is(progflow.current_streak(5, '2026-03-10', 'Pacific/Kiritimati', '2026-03-11 09:59:59Z'), 5,
          'Kiritimati (UTC+14): at 23:59:59 on the day after, the streak should still hold');
select is(progflow.current_streak(5, '2026-03-10', 'Pacific/Kiritimati', '2026-03-11 10:00:00Z'), 0,
          'Kiritimati: at its midnight, the streak should read 0');
select is(progflow.current_streak(5, '2026-03-10', 'UTC', '2026-03-10 00:00:00Z'), 5,
          'on the last active day itself, the streak should hold');

-- New York moves to daylight saving time on 8 March 2026 (a 23-hour day) and back on 1 November (25 hours).
select is(progflow.current_streak(3, '2026-03-07', 'America/New_York', '2026-03-09 03:59:59Z'), 3,
          'across the spring change, the streak should hold to 23:59:59 EDT of the short day');
select is(progflow.current_streak(3, '2026-03-07', 'America/New_York', '2026-03-09 04:00:00Z'), 0,
          'and read 0 at midnight EDT');
select is(progflow.current_streak(3, '2026-10-31', 'America/New_York', '2026-11-02 04:59:59Z'), 3,
          'across the autumn change, the streak should hold to 23:59:59 EST of the long day');
select is(progflow.current_streak(3, '2026-10-31', 'America/New_York', '2026-11-02 05:00:00Z'), 0,
          'and read 0 at midnight EST');

select is(progflow.current_streak(5, null, 'UTC'), 0, 'no activity should be no streak');
select is(progflow.current_streak(4, current_date, null), 4, 'no time zone should mean UTC');
select throws_ok($$select progflow.current_streak(4, current_date, 'Mars/Olympus')$$, '22023', null,
                 'an unknown time zone should be 22023');

select is_empty($$select from tests.plan_lines('select progflow.current_streak(3, current_date, ''UTC'')') p where p ~ 'current_streak'$$,
                'the planner should inline it (no pinned search_path; every name schema-qualified)');

select * from finish();
rollback;
