-- progflow.close_ended_daily_challenges() returns integer: the days that have ended in every zone
begin;
select plan(5);

select has_function('progflow', 'close_ended_daily_challenges', array[]::text[], 'it should exist');
select tests.load_catalogue();
create temporary table today_west on commit drop as
select ((now() at time zone 'UTC') - interval '12 hours')::date as day;  -- the date at UTC−12, the last zone
select progflow.set_daily_challenge(day - n, c)
  from today_west, unnest(array[3, 1, 0], array['00000000-0000-0000-0000-0000000000c1',
                                               '00000000-0000-0000-0000-0000000000c3',
                                               '00000000-0000-0000-0000-0000000000c4']::uuid[]) v(n, c);
select progflow.close_daily_challenge(day - 3) from today_west;

select is(progflow.close_ended_daily_challenges(), 1, 'the one open day that has ended everywhere should be closed');
select results_eq($$select d.date - t.day, d.closed_at is not null from progflow.daily_challenges d, today_west t
                     order by d.date$$,
                  $$values (-3, true), (-1, true), (0, false)$$,
                  'a day still current at UTC−12 should stay open');
select is(progflow.close_ended_daily_challenges(), 0, 'a second call should close nothing');
select is((select count(*)::int from progflow.daily_challenges where closed_at is null), 1,
          'and leave today open');

select * from finish();
rollback;
