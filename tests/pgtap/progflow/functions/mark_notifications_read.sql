-- progflow.mark_notifications_read(p_user_id uuid, p_ids uuid[] default null) returns integer
begin;
select plan(7);

select has_function('progflow', 'mark_notifications_read', array['uuid', 'uuid[]'], 'mark_notifications_read should exist');
select tests.create_user('ada');
select tests.create_user('bob');
insert into progflow.notifications (user_id, type, title)
select tests.user_id(u), 'streak', t from unnest(array['ada', 'ada', 'ada', 'bob']) u, unnest(array['one']) t;

select is(progflow.mark_notifications_read(tests.user_id('ada'),
                                           array[(select id from progflow.notifications where user_id = tests.user_id('ada') limit 1)]),
          1, 'the given notification should be marked');
select is(progflow.mark_notifications_read(tests.user_id('ada'),
                                           array[(select id from progflow.notifications where user_id = tests.user_id('bob'))]),
          0, 'another user''s notification should be ignored');
select is(progflow.mark_notifications_read(tests.user_id('ada')), 2, 'all the rest should be marked');
select is(progflow.mark_notifications_read(tests.user_id('ada')), 0, 'nothing should be left to mark');
select results_eq($$select user_id = tests.user_id('ada'), bool_and(is_read), bool_and(read_at is not null)
                      from progflow.notifications group by 1 order by 1$$,
                  $$values (false, false, false), (true, true, true)$$, 'ada''s should be read with a time; bob''s untouched');
select throws_ok($$select progflow.mark_notifications_read('00000000-0000-0000-0000-000000000999')$$, 'P0002', null,
                 'an unknown user should be P0002');

select * from finish();
rollback;
