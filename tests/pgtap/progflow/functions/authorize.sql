-- progflow.authorize(p_user_id uuid) returns void: may the caller act for this user?
begin;
select plan(10);

select has_function('progflow', 'authorize', array['uuid'], 'authorize should exist');
select tests.create_user(u) from unnest(array['ada', 'bob']) u;
-- The roles cannot call it themselves (the SECURITY DEFINER functions do); for this test they may.
grant execute on function progflow.authorize(uuid), progflow.calling_role() to progflow_readonly;
create function pg_temp.check_as(p_role text, p_acting text, p_for text) returns text language sql as $$
  select coalesce(nullif(tests.result_as(p_role, tests.user_id(p_acting),
                                         format('select progflow.authorize(%L)::text', tests.user_id(p_for))), ''), 'allowed')
$$;

select is(pg_temp.check_as('progflow_app', 'ada', 'ada'), 'allowed', 'the app may act for the acting user');
select is(pg_temp.check_as('progflow_readonly', 'ada', 'ada'), 'allowed', 'so may the read-only role');
select is(pg_temp.check_as('progflow_app', 'ada', 'bob'),
          format('42501 acting user %s may not act for user %s', tests.user_id('ada'), tests.user_id('bob')),
          'but not for another user');
select is(pg_temp.check_as('progflow_app', null, 'ada'),
          '42501 role progflow_app has no acting user: set progflow.user_id for the transaction',
          'nor for anyone when no acting user is set');
select is(tests.result_as('progflow_app', tests.user_id('ada'), 'select progflow.authorize(null)::text'),
          format('42501 acting user %s may not act for user NULL', tests.user_id('ada')),
          'a NULL user is not the acting user');
select is(pg_temp.check_as('progflow_service', null, 'bob'), 'allowed', 'progflow_service may act for anyone');
select is(pg_temp.check_as(current_user, null, 'bob'), 'allowed', 'so may the owner (and superusers)');

create role progflow_test_job nologin in role progflow_service;
select is(pg_temp.check_as('progflow_test_job', null, 'bob'), 'allowed', 'and any member of progflow_service');
select is(tests.result_as('progflow_app', null,
            'select set_config(''progflow.user_id'', ''not-a-uuid'', true), progflow.authorize(null)'),
          '22P02 invalid input syntax for type uuid: "not-a-uuid"', 'a garbled setting is an error, not a pass');

select * from finish();
rollback;
