-- progflow.end_learning_session(p_session_id uuid, p_completed boolean default true) returns integer (minutes)
begin;
select plan(5);

select has_function('progflow', 'end_learning_session', array['uuid', 'boolean'], 'end_learning_session should exist');
select tests.create_user('ada');
select progflow.start_learning_session(tests.user_id('ada'), 'lesson');
update progflow.learning_sessions set start_time = now() - interval '30 minutes 59 seconds';

select is(progflow.end_learning_session((select id from progflow.learning_sessions)), 30,
          'a session of 30 minutes 59 seconds should count 30 whole minutes');
select results_eq($$select duration_minutes, completed, end_time = now() from progflow.learning_sessions$$,
                  $$values (30, true, true)$$, 'it should record the end, the minutes and completion');
select throws_ok($$select progflow.end_learning_session((select id from progflow.learning_sessions))$$, '22023', null,
                 'ending a session twice should be refused');
select throws_ok($$select progflow.end_learning_session('00000000-0000-0000-0000-000000000999')$$, 'P0002', null,
                 'an unknown session should be P0002');

select * from finish();
rollback;
