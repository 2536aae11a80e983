-- Structure and checks of progflow.user_stats.
begin;
select plan(17);

select has_table('progflow', 'user_stats', 'progflow.user_stats should exist');
select isnt(obj_description('progflow.user_stats'::regclass, 'pg_class'), null, 'user_stats should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.user_stats')$$, 'every column of user_stats should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.user_stats')$$,
  $$values
      ('user_id', 'uuid', true, null),
      ('total_xp', 'integer', true, '0'),
      ('current_level', 'integer', true, '1'),
      ('total_challenges_started', 'integer', true, '0'),
      ('total_challenges_completed', 'integer', true, '0'),
      ('total_levels_completed', 'integer', true, '0'),
      ('total_time_spent_minutes', 'integer', true, '0'),
      ('current_streak_days', 'integer', true, '0'),
      ('longest_streak_days', 'integer', true, '0'),
      ('last_activity_date', 'date', false, null),
      ('perfect_levels', 'integer', true, '0'),
      ('first_passes_by_hour', 'integer[]', true, 'array_fill(0, ARRAY[24])'),
      ('updated_at', 'timestamp with time zone', true, 'now()'),
      ('streak_started_at', 'timestamp with time zone', false, null)$$,
  'user_stats should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.user_stats')$$,
  $$values
      ('user_stats_counters_check', 'CHECK (((total_challenges_started >= 0) AND (total_challenges_completed >= 0) AND (total_challenges_completed <= total_challenges_started) AND (total_levels_completed >= 0) AND (total_time_spent_minutes >= 0) AND ((perfect_levels >= 0) AND (perfect_levels <= total_levels_completed))))'),
      ('user_stats_current_level_check', 'CHECK ((current_level >= 1))'),
      ('user_stats_first_passes_by_hour_check', 'CHECK (((array_ndims(first_passes_by_hour) = 1) AND (array_lower(first_passes_by_hour, 1) = 1) AND (cardinality(first_passes_by_hour) = 24) AND (0 <= ALL (first_passes_by_hour))))'),
      ('user_stats_pkey', 'PRIMARY KEY (user_id)'),
      ('user_stats_streak_check', 'CHECK (((current_streak_days >= 0) AND (longest_streak_days >= current_streak_days)))'),
      ('user_stats_total_xp_check', 'CHECK ((total_xp >= 0))'),
      ('user_stats_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES progflow.users(id) ON DELETE CASCADE')$$,
  'user_stats should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.user_stats')$$,
  $$values
      ('user_stats_pkey', 'CREATE UNIQUE INDEX user_stats_pkey ON progflow.user_stats USING btree (user_id)')$$,
  'user_stats should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');

select throws_ok(
  $$update progflow.user_stats set total_xp = -1 where user_id = '00000000-0000-0000-0000-0000000000a1'$$,
  '23514', null,
  'a negative total_xp should be rejected'
);
select throws_ok(
  $$update progflow.user_stats set current_level = 0 where user_id = '00000000-0000-0000-0000-0000000000a1'$$,
  '23514', null,
  'a level below 1 should be rejected'
);
select throws_ok(
  $$update progflow.user_stats set current_streak_days = 5, longest_streak_days = 3 where user_id = '00000000-0000-0000-0000-0000000000a1'$$,
  '23514', null,
  'a longest streak below the current one should be rejected'
);
select throws_ok(
  $$update progflow.user_stats set total_challenges_started = 1, total_challenges_completed = 2 where user_id = '00000000-0000-0000-0000-0000000000a1'$$,
  '23514', null,
  'more challenges completed than started should be rejected'
);
select throws_ok(
  $$update progflow.user_stats set perfect_levels = 1 where user_id = '00000000-0000-0000-0000-0000000000a1'$$,
  '23514', null,
  'more perfect levels than levels completed should be rejected'
);
select throws_ok(
  $$update progflow.user_stats set first_passes_by_hour = array_fill(0, array[23]) where user_id = '00000000-0000-0000-0000-0000000000a1'$$,
  '23514', null,
  'first passes by hour with other than 24 hours should be rejected'
);
select throws_ok(
  $$update progflow.user_stats set first_passes_by_hour = '[0:23]={0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}' where user_id = '00000000-0000-0000-0000-0000000000a1'$$,
  '23514', null,
  'first passes by hour indexed from 0 should be rejected (hour h is element h + 1)'
);
select throws_ok(
  $$update progflow.user_stats set first_passes_by_hour[5] = -1 where user_id = '00000000-0000-0000-0000-0000000000a1'$$,
  '23514', null,
  'a negative count of first passes should be rejected'
);
select throws_ok(
  $$insert into progflow.user_stats (user_id) values ('00000000-0000-0000-0000-0000000000a1')$$,
  '23505', null,
  'a second stats row for a user should be rejected'
);
select throws_ok(
  $$insert into progflow.user_stats (user_id) values ('00000000-0000-0000-0000-000000000999')$$,
  '23503', null,
  'stats of an unknown user should be rejected'
);
select lives_ok(
  $$select 1 / count(*) from progflow.user_stats where user_id = '00000000-0000-0000-0000-0000000000a1'$$,
  'a new user should already have a stats row'
);

select * from finish();
rollback;
