-- Structure and checks of progflow.assessment_questions.
begin;
select plan(11);

select has_table('progflow', 'assessment_questions', 'progflow.assessment_questions should exist');
select isnt(obj_description('progflow.assessment_questions'::regclass, 'pg_class'), null, 'assessment_questions should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.assessment_questions')$$, 'every column of assessment_questions should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.assessment_questions')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('slug', 'character varying(100)', true, null),
      ('assessment_type', 'character varying(50)', true, '''initial''::character varying'),
      ('position', 'integer', true, null),
      ('topic', 'character varying(100)', true, null),
      ('difficulty', 'progflow.skill_level', true, null),
      ('question', 'text', true, null),
      ('options', 'jsonb', true, null),
      ('answer', 'integer', true, null),
      ('is_active', 'boolean', true, 'true')$$,
  'assessment_questions should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.assessment_questions')$$,
  $$values
      ('assessment_questions_answer_check', 'CHECK (
CASE
    WHEN (jsonb_typeof(options) = ''array''::text) THEN ((answer >= 0) AND (answer < jsonb_array_length(options)))
    ELSE false
END)'),
      ('assessment_questions_assessment_type_check', 'CHECK (((assessment_type)::text = ANY ((ARRAY[''initial''::character varying, ''track_placement''::character varying, ''periodic''::character varying])::text[])))'),
      ('assessment_questions_options_check', 'CHECK (
CASE
    WHEN (jsonb_typeof(options) = ''array''::text) THEN ((jsonb_array_length(options) >= 2) AND (jsonb_array_length(options) <= 6))
    ELSE false
END)'),
      ('assessment_questions_pkey', 'PRIMARY KEY (id)'),
      ('assessment_questions_position_check', 'CHECK (("position" >= 1))'),
      ('assessment_questions_slug_check', 'CHECK (((slug)::text ~ ''^[a-z0-9]+([_-][a-z0-9]+)*$''::text))'),
      ('assessment_questions_slug_key', 'UNIQUE (slug)')$$,
  'assessment_questions should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.assessment_questions')$$,
  $$values
      ('assessment_questions_assessment_type_position_idx', 'CREATE INDEX assessment_questions_assessment_type_position_idx ON progflow.assessment_questions USING btree (assessment_type, "position")'),
      ('assessment_questions_pkey', 'CREATE UNIQUE INDEX assessment_questions_pkey ON progflow.assessment_questions USING btree (id)'),
      ('assessment_questions_slug_key', 'CREATE UNIQUE INDEX assessment_questions_slug_key ON progflow.assessment_questions USING btree (slug)')$$,
  'assessment_questions should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.assessment_questions (slug, position, topic, difficulty, question, options, answer) values ('cap', 1, 'Distributed Systems', 'beginner', 'What is P?', '["a", "b"]', 1);

select throws_ok(
  $$insert into progflow.assessment_questions (slug, position, topic, difficulty, question, options, answer) values ('q2', 2, 't', 'beginner', 'q', '["a", "b"]', 2)$$,
  '23514', null,
  'an answer outside the options should be rejected'
);
select throws_ok(
  $$insert into progflow.assessment_questions (slug, position, topic, difficulty, question, options, answer) values ('q2', 2, 't', 'beginner', 'q', '["a"]', 0)$$,
  '23514', null,
  'a single option should be rejected'
);
select throws_ok(
  $$insert into progflow.assessment_questions (slug, position, topic, difficulty, question, options, answer) values ('q2', 2, 't', 'beginner', 'q', '{}', 0)$$,
  '23514', null,
  'options should be a JSON array'
);
select throws_ok(
  $$insert into progflow.assessment_questions (slug, position, topic, difficulty, question, options, answer, assessment_type) values ('q2', 2, 't', 'beginner', 'q', '["a", "b"]', 0, 'quiz')$$,
  '23514', null,
  'an unknown assessment type should be rejected'
);
select throws_ok(
  $$insert into progflow.assessment_questions (slug, position, topic, difficulty, question, options, answer) values ('cap', 2, 't', 'beginner', 'q', '["a", "b"]', 0)$$,
  '23505', null,
  'a duplicate slug should be rejected'
);

select * from finish();
rollback;
