-- progflow.calculate_user_streak(p_user_id uuid, p_as_of date default null) returns integer
begin;
select plan(14);

select has_function('progflow', 'calculate_user_streak', array['uuid', 'date'], 'calculate_user_streak(uuid, date) should exist');
select function_returns('progflow', 'calculate_user_streak', array['uuid', 'date'], 'integer', 'it should return integer');
select volatility_is('progflow', 'calculate_user_streak', array['uuid', 'date'], 'stable', 'it should be stable');
select tests.load_catalogue();
select tests.create_user('kiri', 'Pacific/Auckland');  -- UTC+13 in November
select tests.create_user('lou', 'America/Los_Angeles');  -- UTC−8 in November
select tests.create_user('ute');
select tests.create_user('mars');
-- A name the server stopped knowing (its time zone data changed): written past the trigger that refuses it.
alter table progflow.users disable trigger _200_valid_preferences;
update progflow.users set preferences = '{"timezone": "Mars/Olympus_Mons"}' where username = 'mars';
alter table progflow.users enable trigger _200_valid_preferences;

-- Auckland: 20 Nov 11:30Z and 21 Nov 10:59Z are both 21 Nov locally; 21 Nov 11:00Z is 22 Nov 00:00 locally.
select tests.attempt_at('kiri', '2026-11-20 11:30Z');
select tests.attempt_at('kiri', '2026-11-21 10:59Z');
select tests.attempt_at('kiri', '2026-11-21 11:00Z');
select is(progflow.calculate_user_streak(tests.user_id('kiri'), '2026-11-22'), 2,
          'in Auckland the attempts fall on 21 and 22 November: a streak of 2 on the 22nd');
select is(progflow.calculate_user_streak(tests.user_id('kiri'), '2026-11-23'), 2,
          'the streak should hold the next day (it ends yesterday)');
select is(progflow.calculate_user_streak(tests.user_id('kiri'), '2026-11-24'), 0,
          'two days later the streak should be broken');

-- Los Angeles: 21 Nov 07:30Z is 20 Nov 23:30 locally, 21 Nov 08:30Z is 21 Nov 00:30: two days, though one in UTC.
select tests.attempt_at('lou', '2026-11-21 07:30Z');
select tests.attempt_at('lou', '2026-11-21 08:30Z');
select is(progflow.calculate_user_streak(tests.user_id('lou'), '2026-11-21'), 2,
          'either side of local midnight should be two days in Los Angeles');

-- UTC: 10, 11, 12 November, then a gap.
select tests.attempt_at('ute', d) from unnest(array['2026-11-10 12:00Z', '2026-11-11 23:59Z', '2026-11-12 00:00Z']::timestamptz[]) d;
select is(progflow.calculate_user_streak(tests.user_id('ute'), '2026-11-12'), 3, 'three days in a row should be 3');
select is(progflow.calculate_user_streak(tests.user_id('ute'), '2026-11-13'), 3, 'the day after, the streak should still be 3');
select is(progflow.calculate_user_streak(tests.user_id('ute'), '2026-11-14'), 0, 'two days after, it should be broken');
select is(progflow.calculate_user_streak(tests.user_id('ute'), '2026-11-11'), 2, 'activity after the date should not count');
select tests.attempt_at('ute', now());
select is(progflow.calculate_user_streak(tests.user_id('ute')), 1, 'by default the date should be today: today alone is 1');

select throws_ok($$select progflow.calculate_user_streak(tests.user_id('mars'))$$, '22023', null,
                 'an unknown time zone should be refused with 22023');
select throws_ok($$select progflow.calculate_user_streak('00000000-0000-0000-0000-000000000999')$$, 'P0002', null,
                 'an unknown user should be P0002');

select * from finish();
rollback;
