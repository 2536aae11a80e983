-- Structure and checks of progflow.leaderboard_entries.
begin;
select plan(17);

select has_table('progflow', 'leaderboard_entries', 'progflow.leaderboard_entries should exist');
select isnt(obj_description('progflow.leaderboard_entries'::regclass, 'pg_class'), null, 'leaderboard_entries should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.leaderboard_entries')$$, 'every column of leaderboard_entries should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.leaderboard_entries')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('period_type', 'progflow.leaderboard_period', true, null),
      ('period_date', 'date', false, null),
      ('user_id', 'uuid', true, null),
      ('metric_type', 'character varying(50)', true, null),
      ('metric_value', 'integer', true, null),
      ('username', 'character varying(100)', true, null),
      ('display_name', 'character varying(200)', false, null),
      ('avatar_url', 'text', false, null),
      ('level', 'integer', true, null),
      ('rank_title', 'text', true, null),
      ('created_at', 'timestamp with time zone', true, 'now()'),
      ('expires_at', 'timestamp with time zone', false, null)$$,
  'leaderboard_entries should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.leaderboard_entries')$$,
  $$values
      ('leaderboard_entries_level_check', 'CHECK ((level >= 1))'),
      ('leaderboard_entries_metric_type_check', 'CHECK (((metric_type)::text = ANY ((ARRAY[''xp''::character varying, ''challenges''::character varying, ''streak''::character varying])::text[])))'),
      ('leaderboard_entries_metric_value_check', 'CHECK ((metric_value > 0))'),
      ('leaderboard_entries_period_date_check', 'CHECK (COALESCE(
CASE period_type
    WHEN ''all_time''::progflow.leaderboard_period THEN (period_date IS NULL)
    WHEN ''daily''::progflow.leaderboard_period THEN (period_date IS NOT NULL)
    WHEN ''weekly''::progflow.leaderboard_period THEN (EXTRACT(isodow FROM period_date) = (1)::numeric)
    WHEN ''monthly''::progflow.leaderboard_period THEN (EXTRACT(day FROM period_date) = (1)::numeric)
    ELSE NULL::boolean
END, false))'),
      ('leaderboard_entries_period_user_metric_key', 'UNIQUE NULLS NOT DISTINCT (period_type, period_date, user_id, metric_type)'),
      ('leaderboard_entries_pkey', 'PRIMARY KEY (id)'),
      ('leaderboard_entries_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES progflow.users(id) ON DELETE CASCADE')$$,
  'leaderboard_entries should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.leaderboard_entries')$$,
  $$values
      ('leaderboard_entries_board_key_idx', 'CREATE INDEX leaderboard_entries_board_key_idx ON progflow.leaderboard_entries USING btree (period_type, metric_type, progflow.board_key(period_date, metric_value), user_id)'),
      ('leaderboard_entries_period_user_metric_key', 'CREATE UNIQUE INDEX leaderboard_entries_period_user_metric_key ON progflow.leaderboard_entries USING btree (period_type, period_date, user_id, metric_type) NULLS NOT DISTINCT'),
      ('leaderboard_entries_pkey', 'CREATE UNIQUE INDEX leaderboard_entries_pkey ON progflow.leaderboard_entries USING btree (id)'),
      ('leaderboard_entries_user_id_idx', 'CREATE INDEX leaderboard_entries_user_id_idx ON progflow.leaderboard_entries USING btree (user_id)')$$,
  'leaderboard_entries should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');
insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username, level, rank_title) values ('all_time', null, '00000000-0000-0000-0000-0000000000a1', 'xp', 100, 'ada', 1, 'Novice');

select throws_ok(
  $$insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username, level, rank_title) values ('all_time', null, '00000000-0000-0000-0000-0000000000a1', 'xp', 200, 'ada', 1, 'Novice')$$,
  '23505', null,
  'a second all-time row for a user and metric should be rejected (NULLS NOT DISTINCT)'
);
select throws_ok(
  $$insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username, level, rank_title) values ('all_time', '2026-11-24', '00000000-0000-0000-0000-0000000000a1', 'streak', 2, 'ada', 1, 'Novice')$$,
  '23514', null,
  'an all-time row with a date should be rejected'
);
select throws_ok(
  $$insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username, level, rank_title) values ('weekly', '2026-11-25', '00000000-0000-0000-0000-0000000000a1', 'xp', 2, 'ada', 1, 'Novice')$$,
  '23514', null,
  'a weekly row not on a Monday should be rejected'
);
select throws_ok(
  $$insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username, level, rank_title) values ('monthly', '2026-11-02', '00000000-0000-0000-0000-0000000000a1', 'xp', 2, 'ada', 1, 'Novice')$$,
  '23514', null,
  'a monthly row not on the 1st should be rejected'
);
select throws_ok(
  $$insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username, level, rank_title) values ('daily', null, '00000000-0000-0000-0000-0000000000a1', 'xp', 2, 'ada', 1, 'Novice')$$,
  '23514', null,
  'a daily row without a date should be rejected'
);
select throws_ok(
  $$insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username, level, rank_title) values ('weekly', null, '00000000-0000-0000-0000-0000000000a1', 'xp', 2, 'ada', 1, 'Novice')$$,
  '23514', null,
  'a weekly row without a date should be rejected'
);
select throws_ok(
  $$insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username, level, rank_title) values ('monthly', null, '00000000-0000-0000-0000-0000000000a1', 'xp', 2, 'ada', 1, 'Novice')$$,
  '23514', null,
  'a monthly row without a date should be rejected'
);
select throws_ok(
  $$insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username, level, rank_title) values ('daily', '2026-11-24', '00000000-0000-0000-0000-0000000000a1', 'karma', 2, 'ada', 1, 'Novice')$$,
  '23514', null,
  'an unknown metric should be rejected'
);
select throws_ok(
  $$insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username, level, rank_title) values ('daily', '2026-11-24', '00000000-0000-0000-0000-0000000000a1', 'xp', 0, 'ada', 1, 'Novice')$$,
  '23514', null,
  'a metric value of 0 should be rejected (users with 0 are left out)'
);
select throws_ok(
  $$insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username, level, rank_title) values ('daily', '2026-11-24', '00000000-0000-0000-0000-0000000000a1', 'xp', 2, 'ada', 0, 'Novice')$$,
  '23514', null,
  'a level below 1 should be rejected'
);
select lives_ok(
  $$insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username, level, rank_title) values ('weekly', '2026-11-23', '00000000-0000-0000-0000-0000000000a1', 'xp', 2, 'ada', 1, 'Novice')$$,
  'a weekly row on a Monday should be accepted'
);

select * from finish();
rollback;
