-- progflow.check_rate_limit(p_user_id uuid) returns integer (submissions left this minute)
-- At most game_settings.max_submissions_per_minute (30 by default; written by the owner only) new
-- level or daily attempts per user per minute. No session setting changes it.
begin;
select plan(17);

select has_function('progflow', 'check_rate_limit', array['uuid'], 'check_rate_limit should exist');
select tests.load_catalogue();
select tests.create_user('ada');
select tests.create_user('bob');
select tests.create_user('cyd');

select is(progflow.check_rate_limit(tests.user_id('ada')), 29, 'with game_settings as deployed the limit should be 30');
update progflow.game_settings set max_submissions_per_minute = 3;
select is(progflow.check_rate_limit(tests.user_id('ada')), 2, 'with game_settings at 3, two more should be left after this one');

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
update progflow.game_settings set max_submissions_per_minute = 2;
select throws_ok($$select * from tests.submit('bob', 'a', 1, 30)$$, 'PF003', null,
                 'a daily attempt should count as a submission (one level, one daily: the limit of 2 is reached)');

-- The old setting is read no more: a session (the backend's included) cannot lift the limit.
set local progflow.max_submissions_per_minute = 1000;
select throws_ok($$select * from tests.submit('bob', 'a', 1, 30)$$, 'PF003', null,
                 'progflow.max_submissions_per_minute set by the owner''s session should not lift the limit of game_settings');
select is(tests.outcome_as('progflow_app', tests.user_id('bob'), format(
            $do$do $$ begin
                  perform set_config('progflow.max_submissions_per_minute', '1000', true);
                  perform progflow.submit_level_attempt(%L, '00000000-0000-0000-0000-0000000000c1', 1, '{}', '[]', 30);
                end $$$do$, tests.user_id('bob'))),
          'error PF003', 'nor set by progflow_app for its own transaction, before it submits for bob');
set local progflow.max_submissions_per_minute = 'lots';
select is(progflow.check_rate_limit(tests.user_id('cyd')), 1,
          'a setting that is not a number should be ignored, not an error: game_settings'' 2 leaves cyd one more after this one');
select throws_ok($$update progflow.game_settings set max_submissions_per_minute = 0$$, '23514', null,
                 'game_settings should refuse a limit of 0');

select * from finish();
rollback;
