-- Structure and checks of progflow.user_challenge_progress.
begin;
select plan(14);

select has_table('progflow', 'user_challenge_progress', 'progflow.user_challenge_progress should exist');
select isnt(obj_description('progflow.user_challenge_progress'::regclass, 'pg_class'), null, 'user_challenge_progress should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.user_challenge_progress')$$, 'every column of user_challenge_progress should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.user_challenge_progress')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('user_id', 'uuid', true, null),
      ('challenge_id', 'uuid', true, null),
      ('status', 'progflow.progress_status', true, '''not_started''::progflow.progress_status'),
      ('current_level', 'integer', true, '0'),
      ('levels_completed', 'integer[]', true, '''{}''::integer[]'),
      ('unlock_date', 'timestamp with time zone', false, null),
      ('start_date', 'timestamp with time zone', false, null),
      ('completion_date', 'timestamp with time zone', false, null),
      ('total_attempts', 'integer', true, '0'),
      ('total_time_spent_minutes', 'integer', true, '0'),
      ('best_score', 'numeric(5,2)', false, null),
      ('xp_earned', 'integer', true, '0'),
      ('imported_at', 'timestamp with time zone', false, null)$$,
  'user_challenge_progress should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.user_challenge_progress')$$,
  $$values
      ('user_challenge_progress_best_score_check', 'CHECK (((best_score >= (0)::numeric) AND (best_score <= (100)::numeric)))'),
      ('user_challenge_progress_challenge_id_fkey', 'FOREIGN KEY (challenge_id) REFERENCES progflow.challenges(id) ON DELETE RESTRICT'),
      ('user_challenge_progress_completed_check', 'CHECK (((status = ''completed''::progflow.progress_status) = (completion_date IS NOT NULL)))'),
      ('user_challenge_progress_counters_check', 'CHECK (((total_attempts >= 0) AND (total_time_spent_minutes >= 0) AND (xp_earned >= 0)))'),
      ('user_challenge_progress_current_level_check', 'CHECK (((current_level >= 0) AND (current_level <= 5)))'),
      ('user_challenge_progress_levels_completed_check', 'CHECK (((levels_completed <@ ARRAY[1, 2, 3, 4, 5]) AND (array_position(levels_completed, NULL::integer) IS NULL)))'),
      ('user_challenge_progress_pkey', 'PRIMARY KEY (id)'),
      ('user_challenge_progress_user_id_challenge_id_key', 'UNIQUE (user_id, challenge_id)'),
      ('user_challenge_progress_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES progflow.users(id) ON DELETE CASCADE')$$,
  'user_challenge_progress should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.user_challenge_progress')$$,
  $$values
      ('user_challenge_progress_challenge_id_idx', 'CREATE INDEX user_challenge_progress_challenge_id_idx ON progflow.user_challenge_progress USING btree (challenge_id)'),
      ('user_challenge_progress_completion_date_idx', 'CREATE INDEX user_challenge_progress_completion_date_idx ON progflow.user_challenge_progress USING btree (completion_date) WHERE (completion_date IS NOT NULL)'),
      ('user_challenge_progress_pkey', 'CREATE UNIQUE INDEX user_challenge_progress_pkey ON progflow.user_challenge_progress USING btree (id)'),
      ('user_challenge_progress_user_id_challenge_id_key', 'CREATE UNIQUE INDEX user_challenge_progress_user_id_challenge_id_key ON progflow.user_challenge_progress USING btree (user_id, challenge_id)'),
      ('user_challenge_progress_user_id_status_idx', 'CREATE INDEX user_challenge_progress_user_id_status_idx ON progflow.user_challenge_progress USING btree (user_id, status)')$$,
  'user_challenge_progress should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');
insert into progflow.learning_tracks (id, slug, title, difficulty_level, order_index) values ('00000000-0000-0000-0000-0000000000b1', 'fundamentals', 'Fundamentals', 'fundamentals', 1);
insert into progflow.challenges (id, slug, title, difficulty_base, track_id, order_in_track) values ('00000000-0000-0000-0000-0000000000c1', 'url-shortener', 'URL shortener', 'beginner', '00000000-0000-0000-0000-0000000000b1', 1);

select throws_ok(
  $$insert into progflow.user_challenge_progress (user_id, challenge_id, levels_completed) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', '{1,6}')$$,
  '23514', null,
  'a completed level outside 1-5 should be rejected'
);
select throws_ok(
  $$insert into progflow.user_challenge_progress (user_id, challenge_id, levels_completed) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', '{1,NULL}')$$,
  '23514', null,
  'a NULL completed level should be rejected'
);
select throws_ok(
  $$insert into progflow.user_challenge_progress (user_id, challenge_id, current_level) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', 6)$$,
  '23514', null,
  'a current_level over 5 should be rejected'
);
select throws_ok(
  $$insert into progflow.user_challenge_progress (user_id, challenge_id, status) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', 'completed')$$,
  '23514', null,
  'completed without a completion_date should be rejected'
);
select throws_ok(
  $$insert into progflow.user_challenge_progress (user_id, challenge_id, best_score) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', 100.01)$$,
  '23514', null,
  'a best score over 100 should be rejected'
);
select throws_ok(
  $$insert into progflow.user_challenge_progress (user_id, challenge_id, total_attempts) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', -1)$$,
  '23514', null,
  'negative attempts should be rejected'
);
select lives_ok(
  $$insert into progflow.user_challenge_progress (user_id, challenge_id) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1')$$,
  'a progress row should be accepted'
);
select lives_ok(
  $$delete from progflow.users$$,
  'deleting a user should delete their progress'
);

select * from finish();
rollback;
