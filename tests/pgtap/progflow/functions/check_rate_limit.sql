-- progflow.check_rate_limit(p_user_id uuid) returns integer (submissions left this minute)
-- At most progflow.max_submissions_per_minute (30 when unset) new level or daily attempts per user per minute.
begin;
select plan(14);

select has_function('progflow', 'check_rate_limit', array['uuid'], 'check_rate_limit should exist');
select tests.load_catalogue();
select tests.create_user('ada');
select tests.create_user('bob');

select is(progflow.check_rate_limit(tests.user_id('ada')), 29, 'with no setting the limit should be 30');
set local progflow.max_submissions_per_minute = 3;
select is(progflow.check_rate_limit(tests.user_id('ada')), 2, 'with the setting at 3, two more should be left after this one');

select tests.attempt_at('ada', now() - interval '61 seconds');
select tests.attempt_at('ada', now() - interval '2 minutes');
select lives_ok($$select * from tests.submit('ada', 'a', 1, 30, 10, 'key-1')$$, 'the first submission should pass (older attempts do not count)');
select lives_ok($$select * from tests.submit('ada', 'a', 1, 30)$$, 'the second submission should pass');
select lives_ok($$select * from tests.submit('ada', 'a', 1, 30)$$, 'the third submission should pass');
select throws_ok($$select * from tests.submit('ada', 'a', 1, 100)$$, 'PF003', null,
                 'the fourth submission in a minute should be PF003');
select is((select count(*)::int from progflow.level_attempts where user_id = tests.user_id('ada')), 5,
          'the refused submission should record no attempt (3 new, 2 older)');
select is((select total_xp from progflow.user_stats where user_id = tests.user_id('ada')), 0,
          'the refused submission should award no XP');
select lives_ok($$select * from tests.submit('ada', 'a', 1, 30, 10, 'key-1')$$,
                'a replay of an earlier key is not a new submission and should pass over the limit');
select lives_ok($$select * from tests.submit('bob', 'a', 1, 30)$$, 'another user should have a limit of their own');

select progflow.set_daily_challenge((now() at time zone 'UTC')::date, '00000000-0000-0000-0000-0000000000c1');
select throws_ok($$select progflow.submit_daily_challenge_attempt(tests.user_id('ada'), (now() at time zone 'UTC')::date, 50)$$,
                 'PF003', null, 'a daily attempt over the limit should be PF003 too');
select progflow.submit_daily_challenge_attempt(tests.user_id('bob'), (now() at time zone 'UTC')::date, 50);
set local progflow.max_submissions_per_minute = 2;
select throws_ok($$select * from tests.submit('bob', 'a', 1, 30)$$, 'PF003', null,
                 'a daily attempt should count as a submission (one level, one daily: the limit of 2 is reached)');

set local progflow.max_submissions_per_minute = 'lots';
select throws_ok($$select progflow.check_rate_limit(tests.user_id('bob'))$$, '22023', null,
                 'a setting that is not a whole number should be 22023');

select * from finish();
rollback;
