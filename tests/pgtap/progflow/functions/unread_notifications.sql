-- progflow.unread_notifications(user) returns integer: the number on the bell
begin;
select plan(5);

select has_function('progflow', 'unread_notifications', array['uuid'], 'it should exist');
select tests.create_user(u) from unnest(array['ada', 'bob']) u;
insert into progflow.notifications (user_id, type, title)
select tests.user_id(u), 'streak', 'n' from unnest(array['ada', 'ada', 'ada', 'bob']) u;

select is(progflow.unread_notifications(tests.user_id('ada')), 3, 'ada should have three unread');
select progflow.mark_notifications_read(tests.user_id('ada'),
                                        array(select id from progflow.notifications where user_id = tests.user_id('ada') limit 1));
select is(progflow.unread_notifications(tests.user_id('ada')), 2, 'and two once one is read');
select throws_ok($$select progflow.unread_notifications(null)$$, 'P0002', null, 'a NULL user should be P0002');
select is(tests.result_as('progflow_app', tests.user_id('bob'),
                          format('select progflow.unread_notifications(%L)', tests.user_id('bob'))), '1',
          'the backend acting for bob should count his');

select * from finish();
rollback;
