-- progflow.start_learning_session(p_user_id uuid, p_session_type text, p_resource_id text) returns uuid
begin;
select plan(5);

select has_function('progflow', 'start_learning_session', array['uuid', 'text', 'text'], 'start_learning_session should exist');
select tests.create_user('ada');
select progflow.start_learning_session(tests.user_id('ada'), 'challenge', 'url-shortener');
select results_eq($$select user_id, session_type::text, resource_id::text, end_time is null from progflow.learning_sessions$$,
                  $$values (tests.user_id('ada'), 'challenge', 'url-shortener', true)$$, 'it should open a session');
select throws_ok($$select progflow.start_learning_session(tests.user_id('ada'), 'nap')$$, '22023',
                 'session_type ''nap'' is not one of challenge, assessment, lesson', 'an unknown type should be refused, named');
select throws_ok($$select progflow.start_learning_session(tests.user_id('ada'), 'lesson', repeat('x', 256))$$, '22023', null,
                 'a resource id over 255 characters should be refused');
select throws_ok($$select progflow.start_learning_session('00000000-0000-0000-0000-000000000999', 'lesson')$$, 'P0002', null,
                 'an unknown user should be P0002');

select * from finish();
rollback;
