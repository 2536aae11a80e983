-- progflow.ensure_partitions(months_ahead integer default 3, months_back integer default 0) returns integer
begin;
select plan(16);

select has_function('progflow', 'ensure_partitions', array['integer', 'integer'], 'ensure_partitions(integer, integer) should exist');
select function_returns('progflow', 'ensure_partitions', array['integer', 'integer'], 'integer', 'it should return integer');
select volatility_is('progflow', 'ensure_partitions', array['integer', 'integer'], 'volatile', 'it should be volatile');

select is(progflow.ensure_partitions(), 0, 'a second call with the default should create nothing (deploy made them)');
select is(progflow.ensure_partitions(5), 4, 'five months ahead should add two months for each of the two tables');
select throws_ok('select progflow.ensure_partitions(-1)', '22023', null, 'a negative months_ahead should be refused');
select throws_ok('select progflow.ensure_partitions(121)', '22023', 'months_ahead must be between 0 and 120, not 121',
                 'more than ten years ahead should be refused');
select throws_ok('select progflow.ensure_partitions(null)', '22023', null, 'a NULL months_ahead should be refused');
select is(progflow.ensure_partitions(0, 2), 4, 'two months back should add the two previous months for each table (loading history)');
select ok(to_regclass('progflow.level_attempts_p' || to_char(now() at time zone 'UTC' - interval '2 months', 'YYYY_MM')) is not null,
          'the partition of two months ago should exist');
select throws_ok('select progflow.ensure_partitions(3, -1)', '22023', 'months_back must be between 0 and 120, not -1',
                 'a negative months_back should be refused');

-- A row for a month without a partition lands in the default partition, then moves when the month gets one.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');
select tests.xp_at('00000000-0000-0000-0000-0000000000a1', 10,
                  (date_trunc('month', now() at time zone 'UTC') + interval '8 months') at time zone 'UTC');
select is((select count(*)::int from progflow.xp_transactions_default), 1,
          'a row beyond the partitions should land in the default partition');
select is(progflow.ensure_partitions(8), 6, 'eight months ahead should add three months for each table');
select is((select count(*)::int from progflow.xp_transactions_default), 0,
          'the row should have moved out of the default partition');
select is((select count(*)::int from progflow.xp_transactions), 1, 'no row should be lost by the move');

-- Month edges: the last microsecond of a month and the first of the next land in their own partitions.
select tests.xp_at('00000000-0000-0000-0000-0000000000a1', 1, edge)
  from (select (date_trunc('month', now() at time zone 'UTC') + interval '1 month') at time zone 'UTC' as b) m,
       lateral (values (b - interval '1 microsecond'), (b)) v(edge);
select results_eq($$
  select tableoid::regclass::text from progflow.xp_transactions where amount = 1 order by created_at
$$, array[
  'progflow.xp_transactions_p' || to_char(now() at time zone 'UTC', 'YYYY_MM'),
  'progflow.xp_transactions_p' || to_char(now() at time zone 'UTC' + interval '1 month', 'YYYY_MM')
], 'rows on either side of a month boundary should land in their own month''s partition');

select * from finish();
rollback;
