-- Structure and checks of progflow.challenge_levels.
begin;
select plan(17);

select has_table('progflow', 'challenge_levels', 'progflow.challenge_levels should exist');
select isnt(obj_description('progflow.challenge_levels'::regclass, 'pg_class'), null, 'challenge_levels should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.challenge_levels')$$, 'every column of challenge_levels should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.challenge_levels')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('challenge_id', 'uuid', true, null),
      ('level_number', 'integer', true, null),
      ('level_name', 'character varying(100)', true, null),
      ('description', 'text', false, null),
      ('requirements', 'jsonb', true, null),
      ('test_cases', 'jsonb', true, null),
      ('passing_criteria', 'jsonb', true, null),
      ('xp_reward', 'integer', true, null),
      ('hints', 'jsonb', true, '''[]''::jsonb'),
      ('solution_approach', 'text', false, null),
      ('estimated_minutes', 'integer', true, '15'),
      ('hint_count', 'integer', false, '
CASE
    WHEN (jsonb_typeof(hints) = ''array''::text) THEN jsonb_array_length(hints)
    ELSE NULL::integer
END')$$,
  'challenge_levels should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.challenge_levels')$$,
  $$values
      ('challenge_levels_challenge_id_fkey', 'FOREIGN KEY (challenge_id) REFERENCES progflow.challenges(id) ON DELETE CASCADE'),
      ('challenge_levels_challenge_id_level_number_key', 'UNIQUE (challenge_id, level_number)'),
      ('challenge_levels_estimated_minutes_check', 'CHECK ((estimated_minutes > 0))'),
      ('challenge_levels_hints_check', 'CHECK ((jsonb_typeof(hints) = ''array''::text))'),
      ('challenge_levels_level_number_check', 'CHECK (((level_number >= 1) AND (level_number <= 5)))'),
      ('challenge_levels_passing_criteria_check', 'CHECK (
CASE
    WHEN ((jsonb_typeof(passing_criteria) = ''object''::text) AND (COALESCE(jsonb_typeof((passing_criteria -> ''min_score''::text)), ''number''::text) = ''number''::text)) THEN ((COALESCE(((passing_criteria ->> ''min_score''::text))::numeric, (60)::numeric) >= (0)::numeric) AND (COALESCE(((passing_criteria ->> ''min_score''::text))::numeric, (60)::numeric) <= (100)::numeric))
    ELSE false
END)'),
      ('challenge_levels_pkey', 'PRIMARY KEY (id)'),
      ('challenge_levels_requirements_check', 'CHECK ((jsonb_typeof(requirements) = ''object''::text))'),
      ('challenge_levels_test_cases_check', 'CHECK ((jsonb_typeof(test_cases) = ''array''::text))'),
      ('challenge_levels_xp_reward_check', 'CHECK ((xp_reward > 0))')$$,
  'challenge_levels should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.challenge_levels')$$,
  $$values
      ('challenge_levels_challenge_id_level_number_key', 'CREATE UNIQUE INDEX challenge_levels_challenge_id_level_number_key ON progflow.challenge_levels USING btree (challenge_id, level_number)'),
      ('challenge_levels_pkey', 'CREATE UNIQUE INDEX challenge_levels_pkey ON progflow.challenge_levels USING btree (id)')$$,
  'challenge_levels should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.learning_tracks (id, slug, title, difficulty_level, order_index) values ('00000000-0000-0000-0000-0000000000b1', 'fundamentals', 'Fundamentals', 'fundamentals', 1);
insert into progflow.challenges (id, slug, title, difficulty_base, track_id, order_in_track) values ('00000000-0000-0000-0000-0000000000c1', 'url-shortener', 'URL shortener', 'beginner', '00000000-0000-0000-0000-0000000000b1', 1);
insert into progflow.challenge_levels (challenge_id, level_number, level_name, requirements, test_cases, passing_criteria, xp_reward) values ('00000000-0000-0000-0000-0000000000c1', 1, 'Connectivity', '{}', '[]', '{"min_score": 60}', 100);

select throws_ok(
  $$insert into progflow.challenge_levels (challenge_id, level_number, level_name, requirements, test_cases, passing_criteria, xp_reward) values ('00000000-0000-0000-0000-0000000000c1', 6, 'x', '{}', '[]', '{}', 100)$$,
  '23514', null,
  'level 6 should be rejected'
);
select throws_ok(
  $$insert into progflow.challenge_levels (challenge_id, level_number, level_name, requirements, test_cases, passing_criteria, xp_reward) values ('00000000-0000-0000-0000-0000000000c1', 2, 'x', '{}', '[]', '{}', 0)$$,
  '23514', null,
  'a zero xp_reward should be rejected'
);
select throws_ok(
  $$insert into progflow.challenge_levels (challenge_id, level_number, level_name, requirements, test_cases, passing_criteria, xp_reward) values ('00000000-0000-0000-0000-0000000000c1', 2, 'x', '{}', '{}', '{}', 100)$$,
  '23514', null,
  'test_cases should stay a JSON array'
);
select throws_ok(
  $$insert into progflow.challenge_levels (challenge_id, level_number, level_name, requirements, test_cases, passing_criteria, xp_reward) values ('00000000-0000-0000-0000-0000000000c1', 2, 'x', '[]', '[]', '{}', 100)$$,
  '23514', null,
  'requirements should stay a JSON object'
);
select throws_ok(
  $$insert into progflow.challenge_levels (challenge_id, level_number, level_name, requirements, test_cases, passing_criteria, xp_reward) values ('00000000-0000-0000-0000-0000000000c1', 2, 'x', '{}', '[]', '{"min_score": 101}', 100)$$,
  '23514', null,
  'a pass mark over 100 should be rejected'
);
select throws_ok(
  $$insert into progflow.challenge_levels (challenge_id, level_number, level_name, requirements, test_cases, passing_criteria, xp_reward) values ('00000000-0000-0000-0000-0000000000c1', 2, 'x', '{}', '[]', '{"min_score": "high"}', 100)$$,
  '23514', null,
  'a pass mark that is not a number should be a check violation, not a cast error'
);
select throws_ok(
  $$insert into progflow.challenge_levels (challenge_id, level_number, level_name, requirements, test_cases, passing_criteria, xp_reward, hints) values ('00000000-0000-0000-0000-0000000000c1', 2, 'x', '{}', '[]', '{}', 100, '{}')$$,
  '23514', null,
  'hints should stay a JSON array'
);
select throws_ok(
  $$insert into progflow.challenge_levels (challenge_id, level_number, level_name, requirements, test_cases, passing_criteria, xp_reward) values ('00000000-0000-0000-0000-0000000000c1', 1, 'x', '{}', '[]', '{}', 100)$$,
  '23505', null,
  'a second level 1 should be rejected'
);
select is(
  (select attgenerated::text from pg_attribute where attrelid = 'progflow.challenge_levels'::regclass and attname = 'hint_count'),
  's',
  'hint_count should be a stored generated column (its expression is the default shown above)'
);
update progflow.challenge_levels set hints = '["first", "second", {"text": "third"}]' where level_number = 1;
select results_eq(
  $$select hint_count from progflow.challenge_levels where level_number = 1$$,
  $$values (3)$$,
  'hint_count should follow hints when they change (3 hints after an update from none)'
);
select lives_ok(
  $$delete from progflow.challenges$$,
  'deleting a challenge should delete its levels (catalogue only)'
);

select * from finish();
rollback;
