-- Structure and checks of progflow.hint_usage.
begin;
select plan(9);

select has_table('progflow', 'hint_usage', 'progflow.hint_usage should exist');
select isnt(obj_description('progflow.hint_usage'::regclass, 'pg_class'), null, 'hint_usage should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.hint_usage')$$, 'every column of hint_usage should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.hint_usage')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('user_id', 'uuid', true, null),
      ('challenge_id', 'uuid', true, null),
      ('level_number', 'integer', true, null),
      ('hint_number', 'integer', true, null),
      ('xp_penalty', 'integer', true, '0'),
      ('used_at', 'timestamp with time zone', true, 'now()')$$,
  'hint_usage should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.hint_usage')$$,
  $$values
      ('hint_usage_challenge_id_level_number_fkey', 'FOREIGN KEY (challenge_id, level_number) REFERENCES progflow.challenge_levels(challenge_id, level_number) ON DELETE RESTRICT'),
      ('hint_usage_hint_number_check', 'CHECK ((hint_number >= 1))'),
      ('hint_usage_level_number_check', 'CHECK (((level_number >= 1) AND (level_number <= 5)))'),
      ('hint_usage_pkey', 'PRIMARY KEY (id)'),
      ('hint_usage_user_id_challenge_id_level_number_hint_number_key', 'UNIQUE (user_id, challenge_id, level_number, hint_number)'),
      ('hint_usage_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES progflow.users(id) ON DELETE CASCADE'),
      ('hint_usage_xp_penalty_check', 'CHECK ((xp_penalty >= 0))')$$,
  'hint_usage should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.hint_usage')$$,
  $$values
      ('hint_usage_challenge_id_level_number_idx', 'CREATE INDEX hint_usage_challenge_id_level_number_idx ON progflow.hint_usage USING btree (challenge_id, level_number)'),
      ('hint_usage_pkey', 'CREATE UNIQUE INDEX hint_usage_pkey ON progflow.hint_usage USING btree (id)'),
      ('hint_usage_user_id_challenge_id_level_number_hint_number_key', 'CREATE UNIQUE INDEX hint_usage_user_id_challenge_id_level_number_hint_number_key ON progflow.hint_usage USING btree (user_id, challenge_id, level_number, hint_number)')$$,
  'hint_usage should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');
insert into progflow.learning_tracks (id, slug, title, difficulty_level, order_index) values ('00000000-0000-0000-0000-0000000000b1', 'fundamentals', 'Fundamentals', 'fundamentals', 1);
insert into progflow.challenges (id, slug, title, difficulty_base, track_id, order_in_track) values ('00000000-0000-0000-0000-0000000000c1', 'url-shortener', 'URL shortener', 'beginner', '00000000-0000-0000-0000-0000000000b1', 1);
insert into progflow.challenge_levels (challenge_id, level_number, level_name, requirements, test_cases, passing_criteria, xp_reward) values ('00000000-0000-0000-0000-0000000000c1', 1, 'Connectivity', '{}', '[]', '{"min_score": 60}', 100);

select throws_ok(
  $$insert into progflow.hint_usage (user_id, challenge_id, level_number, hint_number) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', 1, 0)$$,
  '23514', null,
  'hint number 0 should be rejected'
);
select throws_ok(
  $$insert into progflow.hint_usage (user_id, challenge_id, level_number, hint_number) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', 3, 1)$$,
  '23503', null,
  'a hint on a level that does not exist should be rejected'
);
select lives_ok(
  $$insert into progflow.hint_usage (user_id, challenge_id, level_number, hint_number, xp_penalty) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', 1, 1, 10)$$,
  'a first hint should be accepted'
);

select * from finish();
rollback;
