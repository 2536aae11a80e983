-- progflow.notifications_page(user, limit, before_created_at, before_id): newest first, by keyset
begin;
select plan(9);

select has_function('progflow', 'notifications_page', array['uuid', 'integer', 'timestamp with time zone', 'uuid'],
                    'it should exist');
select tests.create_user(u) from unnest(array['ada', 'bob']) u;
-- seven of ada's notifications, four of them written at one instant (one transaction), and one of bob's
insert into progflow.notifications (user_id, type, title, created_at)
select tests.user_id('ada'), 'streak', format('n%s', n),
       case when n between 2 and 5 then timestamptz '2026-11-02 10:00:00+00' else timestamptz '2026-11-01 10:00:00+00' + make_interval(days => n) end
  from generate_series(1, 7) n;
insert into progflow.notifications (user_id, type, title) values (tests.user_id('bob'), 'streak', 'bob''s');

create function pg_temp.walk(p_size integer) returns setof text language plpgsql as $$
declare
  v_row record;
  v_at timestamptz;
  v_id uuid;
  v_seen integer;
begin
  loop
    v_seen := 0;
    for v_row in select * from progflow.notifications_page(tests.user_id('ada'), p_size, v_at, v_id) loop
      return next v_row.title;
      v_at := v_row.created_at;
      v_id := v_row.id;
      v_seen := v_seen + 1;
    end loop;
    exit when v_seen < p_size;
  end loop;
end;
$$;
select results_eq($$select pg_temp.walk(2)$$,
                  $$select title::text from progflow.notifications where user_id = tests.user_id('ada')
                     order by created_at desc, id desc$$,
                  'pages of 2 should give every notification once, newest first, ties by id');
select is((select count(distinct t)::int from pg_temp.walk(3) t), 7, 'and so should pages of 3');
select is((select count(*)::int from progflow.notifications_page(tests.user_id('ada'))), 7,
          'the first page holds up to 20 by default');
select is_empty($$select from progflow.notifications_page(tests.user_id('ada')) n where n.title = 'bob''s'$$,
                'only the user''s own notifications should be listed');
select throws_ok($$select * from progflow.notifications_page(tests.user_id('ada'), 101)$$, '22023', null,
                 'a page of more than 100 should be 22023');
select throws_ok($$select * from progflow.notifications_page(tests.user_id('ada'), 10, now(), null)$$, '22023', null,
                 'and so should half a cursor');
select throws_ok($$select * from progflow.notifications_page('00000000-0000-0000-0000-00000000dead')$$, 'P0002', null,
                 'an unknown user should be P0002');
select is(tests.outcome_as('progflow_app', tests.user_id('ada'),
                           format('select * from progflow.notifications_page(%L)', tests.user_id('ada'))),
          '7 rows', 'the backend acting for ada should list hers');

select * from finish();
rollback;
