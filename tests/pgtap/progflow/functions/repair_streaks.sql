-- progflow.repair_streaks(from, to, reason) returns integer (docs/rules.md, Streaks: outages)
-- The scenario over real days, zones and a second call is in tests/python/test_outage.py; here, a
-- user whose attempts are placed in the past (tests.attempt_at) and the arguments refused.
begin;
select plan(8);

select has_function('progflow', 'repair_streaks', array['timestamp with time zone', 'timestamp with time zone', 'text'],
                    'it should exist');
select throws_ok($$select progflow.repair_streaks(now() - interval '1 day', null, 'x')$$, '22023', null,
                 'a window without an end should be 22023');
select throws_ok($$select progflow.repair_streaks(now() - interval '1 day', now() + interval '1 hour', 'x')$$, '22023', null,
                 'and so should one that is not over');
select throws_ok($$select progflow.repair_streaks(now() - interval '20 days', now() - interval '5 days', 'x')$$, '22023', null,
                 'and one longer than 14 days');
select throws_ok($$select progflow.repair_streaks(now() - interval '2 days', now() - interval '1 day', ' ')$$, '22023', null,
                 'and a blank reason');

-- ana (UTC) practised four and three days ago; the platform was down the whole day two days ago;
-- she came back yesterday, and her streak started again at 1.
select tests.load_catalogue();
select tests.create_user('ana');
select tests.attempt_at('ana', (current_date - 4) + time '12:00');
select tests.attempt_at('ana', (current_date - 3) + time '12:00');
select tests.attempt_at('ana', (current_date - 1) + time '12:00');
update progflow.user_stats set streak_started_at = (current_date - 1) + time '12:00'
 where user_id = tests.user_id('ana');
set local timezone = 'UTC';

select is(progflow.repair_streaks(((current_date - 2)::timestamp at time zone 'UTC'),
                                  ((current_date - 1)::timestamp at time zone 'UTC'), 'database failover'), 1,
          'ana should be repaired');
select results_eq($$select current_streak_days, longest_streak_days, streak_started_at
                     from progflow.user_stats where user_id = tests.user_id('ana')$$,
                  $$values (4, 4, (current_date - 4)::timestamp at time zone 'UTC')$$,
                  'her streak should count the outage''s day: 2 before, 1 down, 1 since; it starts on its first day');
select is(progflow.repair_streaks(((current_date - 2)::timestamp at time zone 'UTC'),
                                  ((current_date - 1)::timestamp at time zone 'UTC'), 'database failover'), 0,
          'a second call should repair nothing');

select * from finish();
rollback;
