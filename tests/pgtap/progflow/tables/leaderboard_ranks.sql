-- Structure and checks of progflow.leaderboard_ranks.
begin;
select plan(12);

select has_table('progflow', 'leaderboard_ranks', 'progflow.leaderboard_ranks should exist');
select isnt(obj_description('progflow.leaderboard_ranks'::regclass, 'pg_class'), null, 'leaderboard_ranks should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.leaderboard_ranks')$$, 'every column of leaderboard_ranks should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.leaderboard_ranks')$$,
  $$values
      ('id', 'bigint', true, null),
      ('period_type', 'progflow.leaderboard_period', true, null),
      ('period_date', 'date', false, null),
      ('metric_type', 'character varying(50)', true, null),
      ('metric_value', 'integer', true, null),
      ('rank', 'integer', true, null),
      ('entries', 'integer', true, null)$$,
  'leaderboard_ranks should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.leaderboard_ranks')$$,
  $$values
      ('leaderboard_ranks_board_value_key', 'UNIQUE NULLS NOT DISTINCT (period_type, period_date, metric_type, metric_value)'),
      ('leaderboard_ranks_entries_check', 'CHECK ((entries >= 1))'),
      ('leaderboard_ranks_metric_type_check', 'CHECK (((metric_type)::text = ANY ((ARRAY[''xp''::character varying, ''challenges''::character varying, ''streak''::character varying])::text[])))'),
      ('leaderboard_ranks_metric_value_check', 'CHECK ((metric_value > 0))'),
      ('leaderboard_ranks_period_date_check', 'CHECK (COALESCE(
CASE period_type
    WHEN ''all_time''::progflow.leaderboard_period THEN (period_date IS NULL)
    WHEN ''daily''::progflow.leaderboard_period THEN (period_date IS NOT NULL)
    WHEN ''weekly''::progflow.leaderboard_period THEN (EXTRACT(isodow FROM period_date) = (1)::numeric)
    WHEN ''monthly''::progflow.leaderboard_period THEN (EXTRACT(day FROM period_date) = (1)::numeric)
    ELSE NULL::boolean
END, false))'),
      ('leaderboard_ranks_pkey', 'PRIMARY KEY (id)'),
      ('leaderboard_ranks_rank_check', 'CHECK ((rank >= 1))')$$,
  'leaderboard_ranks should have exactly these constraints'
);

select results_eq(
  $$select * from tests.indexes('progflow.leaderboard_ranks')$$,
  $$values
      ('leaderboard_ranks_all_time_rank_idx', 'CREATE INDEX leaderboard_ranks_all_time_rank_idx ON progflow.leaderboard_ranks USING btree (metric_type, rank) WHERE (period_type = ''all_time''::progflow.leaderboard_period)'),
      ('leaderboard_ranks_all_time_value_idx', 'CREATE INDEX leaderboard_ranks_all_time_value_idx ON progflow.leaderboard_ranks USING btree (metric_type, metric_value) WHERE (period_type = ''all_time''::progflow.leaderboard_period)'),
      ('leaderboard_ranks_board_key_idx', 'CREATE INDEX leaderboard_ranks_board_key_idx ON progflow.leaderboard_ranks USING btree (period_type, metric_type, progflow.board_key(period_date, metric_value))'),
      ('leaderboard_ranks_board_rank_idx', 'CREATE INDEX leaderboard_ranks_board_rank_idx ON progflow.leaderboard_ranks USING btree (period_type, period_date, metric_type, rank) WHERE (period_date IS NOT NULL)'),
      ('leaderboard_ranks_board_value_key', 'CREATE UNIQUE INDEX leaderboard_ranks_board_value_key ON progflow.leaderboard_ranks USING btree (period_type, period_date, metric_type, metric_value) NULLS NOT DISTINCT'),
      ('leaderboard_ranks_pkey', 'CREATE UNIQUE INDEX leaderboard_ranks_pkey ON progflow.leaderboard_ranks USING btree (id)')$$,
  'leaderboard_ranks should have exactly these indexes'
);

-- A valid row the checks below build on.
insert into progflow.leaderboard_ranks (period_type, period_date, metric_type, metric_value, rank, entries)
values ('all_time', null, 'xp', 100, 1, 1);

select throws_ok(
  $$insert into progflow.leaderboard_ranks (period_type, period_date, metric_type, metric_value, rank, entries) values ('all_time', null, 'xp', 100, 2, 1)$$,
  '23505', null, 'a value twice on one board should be rejected (NULLS NOT DISTINCT)');
select throws_ok(
  $$insert into progflow.leaderboard_ranks (period_type, period_date, metric_type, metric_value, rank, entries) values ('weekly', '2026-11-25', 'xp', 5, 1, 1)$$,
  '23514', null, 'a weekly board not on a Monday should be rejected');
select throws_ok(
  $$insert into progflow.leaderboard_ranks (period_type, period_date, metric_type, metric_value, rank, entries) values ('daily', '2026-11-24', 'karma', 5, 1, 1)$$,
  '23514', null, 'an unknown metric should be rejected');
select throws_ok(
  $$insert into progflow.leaderboard_ranks (period_type, period_date, metric_type, metric_value, rank, entries) values ('daily', '2026-11-24', 'xp', 0, 1, 1)$$,
  '23514', null, 'a value of 0 should be rejected (no entry holds it)');
select throws_ok(
  $$insert into progflow.leaderboard_ranks (period_type, period_date, metric_type, metric_value, rank, entries) values ('daily', '2026-11-24', 'xp', 5, 0, 1)$$,
  '23514', null, 'a rank below 1 should be rejected');
select throws_ok(
  $$insert into progflow.leaderboard_ranks (period_type, period_date, metric_type, metric_value, rank, entries) values ('daily', '2026-11-24', 'xp', 5, 1, 0)$$,
  '23514', null, 'a value held by no entry should be rejected');

select * from finish();
rollback;
