-- Structure and checks of progflow.level_attempts.
begin;
select plan(12);

select has_table('progflow', 'level_attempts', 'progflow.level_attempts should exist');
select isnt(obj_description('progflow.level_attempts'::regclass, 'pg_class'), null, 'level_attempts should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.level_attempts')$$, 'every column of level_attempts should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.level_attempts')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('user_id', 'uuid', true, null),
      ('challenge_id', 'uuid', true, null),
      ('level_number', 'integer', true, null),
      ('attempt_number', 'integer', true, null),
      ('design_snapshot', 'jsonb', true, null),
      ('test_results', 'jsonb', true, null),
      ('score', 'numeric(5,2)', true, null),
      ('passed', 'boolean', true, null),
      ('xp_earned', 'integer', true, '0'),
      ('hints_used', 'integer', true, '0'),
      ('time_spent_minutes', 'integer', false, null),
      ('feedback', 'jsonb', true, '''{}''::jsonb'),
      ('created_at', 'timestamp with time zone', true, 'now()')$$,
  'level_attempts should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.level_attempts')$$,
  $$values
      ('level_attempts_attempt_number_check', 'CHECK ((attempt_number >= 1))'),
      ('level_attempts_challenge_id_level_number_fkey', 'FOREIGN KEY (challenge_id, level_number) REFERENCES progflow.challenge_levels(challenge_id, level_number) ON DELETE RESTRICT'),
      ('level_attempts_design_snapshot_check', 'CHECK ((jsonb_typeof(design_snapshot) = ''object''::text))'),
      ('level_attempts_feedback_check', 'CHECK ((jsonb_typeof(feedback) = ''object''::text))'),
      ('level_attempts_hints_used_check', 'CHECK ((hints_used >= 0))'),
      ('level_attempts_level_number_check', 'CHECK (((level_number >= 1) AND (level_number <= 5)))'),
      ('level_attempts_pkey', 'PRIMARY KEY (id, created_at)'),
      ('level_attempts_score_check', 'CHECK (((score >= (0)::numeric) AND (score <= (100)::numeric)))'),
      ('level_attempts_test_results_check', 'CHECK ((jsonb_typeof(test_results) = ''array''::text))'),
      ('level_attempts_time_spent_minutes_check', 'CHECK ((time_spent_minutes >= 0))'),
      ('level_attempts_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES progflow.users(id) ON DELETE CASCADE'),
      ('level_attempts_xp_earned_check', 'CHECK ((xp_earned >= 0))')$$,
  'level_attempts should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.level_attempts')$$,
  $$values
      ('level_attempts_challenge_id_level_number_idx', 'CREATE INDEX level_attempts_challenge_id_level_number_idx ON ONLY progflow.level_attempts USING btree (challenge_id, level_number)'),
      ('level_attempts_created_at_idx', 'CREATE INDEX level_attempts_created_at_idx ON ONLY progflow.level_attempts USING btree (created_at DESC)'),
      ('level_attempts_pkey', 'CREATE UNIQUE INDEX level_attempts_pkey ON ONLY progflow.level_attempts USING btree (id, created_at)'),
      ('level_attempts_user_id_challenge_id_level_number_idx', 'CREATE INDEX level_attempts_user_id_challenge_id_level_number_idx ON ONLY progflow.level_attempts USING btree (user_id, challenge_id, level_number)'),
      ('level_attempts_user_id_created_at_idx', 'CREATE INDEX level_attempts_user_id_created_at_idx ON ONLY progflow.level_attempts USING btree (user_id, created_at DESC)')$$,
  'level_attempts should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');
insert into progflow.learning_tracks (id, slug, title, difficulty_level, order_index) values ('00000000-0000-0000-0000-0000000000b1', 'fundamentals', 'Fundamentals', 'fundamentals', 1);
insert into progflow.challenges (id, slug, title, difficulty_base, track_id, order_in_track) values ('00000000-0000-0000-0000-0000000000c1', 'url-shortener', 'URL shortener', 'beginner', '00000000-0000-0000-0000-0000000000b1', 1);
insert into progflow.challenge_levels (challenge_id, level_number, level_name, requirements, test_cases, passing_criteria, xp_reward) values ('00000000-0000-0000-0000-0000000000c1', 1, 'Connectivity', '{}', '[]', '{"min_score": 60}', 100);

select throws_ok(
  $$insert into progflow.level_attempts (user_id, challenge_id, level_number, attempt_number, design_snapshot, test_results, score, passed) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', 1, 1, '{}', '[]', 100.5, true)$$,
  '23514', null,
  'a score over 100 should be rejected'
);
select throws_ok(
  $$insert into progflow.level_attempts (user_id, challenge_id, level_number, attempt_number, design_snapshot, test_results, score, passed) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', 1, 0, '{}', '[]', 50, false)$$,
  '23514', null,
  'attempt number 0 should be rejected'
);
select throws_ok(
  $$insert into progflow.level_attempts (user_id, challenge_id, level_number, attempt_number, design_snapshot, test_results, score, passed) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', 1, 1, '[]', '[]', 50, false)$$,
  '23514', null,
  'design_snapshot should stay a JSON object'
);
select throws_ok(
  $$insert into progflow.level_attempts (user_id, challenge_id, level_number, attempt_number, design_snapshot, test_results, score, passed) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', 1, 1, '{}', '{}', 50, false)$$,
  '23514', null,
  'test_results should stay a JSON array'
);
select throws_ok(
  $$insert into progflow.level_attempts (user_id, challenge_id, level_number, attempt_number, design_snapshot, test_results, score, passed) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', 2, 1, '{}', '[]', 50, false)$$,
  '23503', null,
  'an attempt at a level that does not exist should be rejected'
);
select lives_ok(
  $$insert into progflow.level_attempts (user_id, challenge_id, level_number, attempt_number, design_snapshot, test_results, score, passed) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', 1, 1, '{}', '[]', 50, false)$$,
  'a valid attempt should be accepted'
);

select * from finish();
rollback;
