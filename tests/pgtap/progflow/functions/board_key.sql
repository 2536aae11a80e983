-- progflow.board_key(p_period_date date, p_metric_value integer) returns bigint
begin;
select plan(7);

select has_function('progflow', 'board_key', array['date', 'integer'], 'board_key(date, integer) should exist');
select volatility_is('progflow', 'board_key', array['date', 'integer'], 'immutable', 'it should be immutable');
select is(progflow.board_key('2000-01-02', 7), (1::bigint << 32) + 7, 'the day number in the high bits, the value in the low ones');
select ok(progflow.board_key(null, 5) = progflow.board_key('9999-12-31', 5), 'all_time (no date) should be the last day');
select is(array(select v from unnest(array[3, 2147483647, 1, 40]) v order by progflow.board_key('2026-11-30', v)),
          array[1, 3, 40, 2147483647], 'on one board the key should order as the value, up to the largest integer');
select ok(progflow.board_key('2026-11-30', 2147483647) < progflow.board_key('2026-12-01', 1)
          and progflow.board_key(null, 0) is not null and progflow.board_key('2026-11-30', null) is null,
          'boards should never share a key; a NULL value gives NULL');
select is_empty($$select from tests.plan_lines('select progflow.board_key(d, v) from (values (date ''2026-11-30'', 3)) x(d, v)') p
                   where p ~ 'board_key'$$, 'the planner should inline it');

select * from finish();
rollback;
