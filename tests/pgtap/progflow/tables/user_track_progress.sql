-- Structure and checks of progflow.user_track_progress.
begin;
select plan(9);

select has_table('progflow', 'user_track_progress', 'progflow.user_track_progress should exist');
select isnt(obj_description('progflow.user_track_progress'::regclass, 'pg_class'), null, 'user_track_progress should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.user_track_progress')$$, 'every column of user_track_progress should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.user_track_progress')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('user_id', 'uuid', true, null),
      ('track_id', 'uuid', true, null),
      ('status', 'progflow.progress_status', true, '''not_started''::progflow.progress_status'),
      ('progress_percentage', 'numeric(5,2)', true, '0.00'),
      ('challenges_completed', 'integer', true, '0'),
      ('total_challenges', 'integer', true, null),
      ('unlock_date', 'timestamp with time zone', false, null),
      ('start_date', 'timestamp with time zone', false, null),
      ('completion_date', 'timestamp with time zone', false, null)$$,
  'user_track_progress should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.user_track_progress')$$,
  $$values
      ('user_track_progress_challenges_check', 'CHECK (((total_challenges >= 0) AND ((challenges_completed >= 0) AND (challenges_completed <= total_challenges))))'),
      ('user_track_progress_pkey', 'PRIMARY KEY (id)'),
      ('user_track_progress_progress_percentage_check', 'CHECK (((progress_percentage >= (0)::numeric) AND (progress_percentage <= (100)::numeric)))'),
      ('user_track_progress_track_id_fkey', 'FOREIGN KEY (track_id) REFERENCES progflow.learning_tracks(id) ON DELETE RESTRICT'),
      ('user_track_progress_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES progflow.users(id) ON DELETE CASCADE'),
      ('user_track_progress_user_id_track_id_key', 'UNIQUE (user_id, track_id)')$$,
  'user_track_progress should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.user_track_progress')$$,
  $$values
      ('user_track_progress_pkey', 'CREATE UNIQUE INDEX user_track_progress_pkey ON progflow.user_track_progress USING btree (id)'),
      ('user_track_progress_track_id_idx', 'CREATE INDEX user_track_progress_track_id_idx ON progflow.user_track_progress USING btree (track_id)'),
      ('user_track_progress_user_id_track_id_key', 'CREATE UNIQUE INDEX user_track_progress_user_id_track_id_key ON progflow.user_track_progress USING btree (user_id, track_id)')$$,
  'user_track_progress should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');
insert into progflow.learning_tracks (id, slug, title, difficulty_level, order_index) values ('00000000-0000-0000-0000-0000000000b1', 'fundamentals', 'Fundamentals', 'fundamentals', 1);

select throws_ok(
  $$insert into progflow.user_track_progress (user_id, track_id, total_challenges, progress_percentage) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1', 10, 100.5)$$,
  '23514', null,
  'a percentage over 100 should be rejected'
);
select throws_ok(
  $$insert into progflow.user_track_progress (user_id, track_id, total_challenges, challenges_completed) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1', 2, 3)$$,
  '23514', null,
  'more challenges completed than the track has should be rejected'
);
select lives_ok(
  $$insert into progflow.user_track_progress (user_id, track_id, total_challenges) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1', 23)$$,
  'a track progress row should be accepted'
);

select * from finish();
rollback;
