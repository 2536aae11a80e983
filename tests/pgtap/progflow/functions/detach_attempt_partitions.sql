-- progflow.detach_attempt_partitions(p_before date) returns setof text
begin;
select plan(12);

select has_function('progflow', 'detach_attempt_partitions', array['date'], 'detach_attempt_partitions(date) should exist');
select function_returns('progflow', 'detach_attempt_partitions', array['date'], 'setof text', 'it should return table names');

select tests.load_catalogue();
select tests.create_user('ada');
select progflow.ensure_partitions(0, 3);  -- the three months before this one
create temporary table months as
select m, (date_trunc('month', now() at time zone 'UTC') - make_interval(months => m))::date as first_day,
       'level_attempts_p' || to_char(date_trunc('month', now() at time zone 'UTC') - make_interval(months => m), 'YYYY_MM') as name
  from generate_series(1, 3) m;
select tests.attempt_at('ada', (m.first_day + 1)::timestamp at time zone 'UTC') from months m order by m desc;
select tests.attempt_at('ada', now());

select throws_ok($$select * from progflow.detach_attempt_partitions((date_trunc('month', now() at time zone 'UTC') + interval '1 month')::date)$$,
                 '22023', null, 'the current month should not be detachable');
select throws_ok($$select * from progflow.detach_attempt_partitions(null)$$, '22023', null, 'a NULL date should be refused');

-- Months 3 and 2 back end on or before the first day of month 1 back; month 1 back does not.
select results_eq($$select * from progflow.detach_attempt_partitions((select first_day from months where m = 1))$$,
                  $$select name || '_detached' from months where m in (3, 2) order by name$$,
                  'the months ending on or before the date should be detached, oldest first');
select is_empty($$select from pg_inherits i join pg_class c on c.oid = i.inhrelid
                   where i.inhparent = 'progflow.level_attempts'::regclass
                     and c.relname in (select name from months where m in (3, 2))$$,
                'they should no longer be partitions of level_attempts');
select is((select count(*)::int from pg_class where relname in (select name || '_detached' from months where m in (3, 2))
             and relnamespace = 'progflow'::regnamespace and relkind = 'r'), 2,
          'they should stay in progflow as plain tables, renamed');
select is((select count(*)::int from progflow.level_attempts where user_id = tests.user_id('ada')), 2,
          'level_attempts should keep the attached months'' attempts');
select is((select count(*)::int from progflow.level_attempts_default), 0, 'no attempt should land in the default partition');
select results_eq($$select attempt_number from tests.submit('ada', 'a', 1, 10)$$, $$values (5)$$,
                  'the next attempt should be numbered after the attached ones (attempts 3 and 4)');
select is_empty($$select * from progflow.detach_attempt_partitions((select first_day from months where m = 1))$$,
                'a second call should detach nothing');
select is(tests.outcome_as('progflow_service', null, 'select * from progflow.detach_attempt_partitions(''2000-01-01'')'),
          'denied', 'only the owner should run it, not even progflow_service');

select * from finish();
rollback;
