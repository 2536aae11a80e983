-- Structure and checks of progflow.assessment_results.
begin;
select plan(10);

select has_table('progflow', 'assessment_results', 'progflow.assessment_results should exist');
select isnt(obj_description('progflow.assessment_results'::regclass, 'pg_class'), null, 'assessment_results should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.assessment_results')$$, 'every column of assessment_results should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.assessment_results')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('user_id', 'uuid', true, null),
      ('assessment_type', 'character varying(50)', true, null),
      ('questions', 'jsonb', true, null),
      ('responses', 'jsonb', true, null),
      ('score', 'numeric(5,2)', true, null),
      ('skill_level_recommendation', 'character varying(50)', false, null),
      ('track_recommendations', 'jsonb', true, '''[]''::jsonb'),
      ('challenge_recommendations', 'jsonb', true, '''[]''::jsonb'),
      ('strengths', 'jsonb', true, '''[]''::jsonb'),
      ('weaknesses', 'jsonb', true, '''[]''::jsonb'),
      ('completed_at', 'timestamp with time zone', true, 'now()')$$,
  'assessment_results should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.assessment_results')$$,
  $$values
      ('assessment_results_assessment_type_check', 'CHECK (((assessment_type)::text = ANY ((ARRAY[''initial''::character varying, ''track_placement''::character varying, ''periodic''::character varying])::text[])))'),
      ('assessment_results_pkey', 'PRIMARY KEY (id)'),
      ('assessment_results_questions_check', 'CHECK ((jsonb_typeof(questions) = ''array''::text))'),
      ('assessment_results_recommendations_check', 'CHECK (((jsonb_typeof(track_recommendations) = ''array''::text) AND (jsonb_typeof(challenge_recommendations) = ''array''::text)))'),
      ('assessment_results_responses_check', 'CHECK ((jsonb_typeof(responses) = ''array''::text))'),
      ('assessment_results_score_check', 'CHECK (((score >= (0)::numeric) AND (score <= (100)::numeric)))'),
      ('assessment_results_skill_level_recommendation_check', 'CHECK (((skill_level_recommendation)::text = ANY ((ARRAY[''beginner''::character varying, ''intermediate''::character varying, ''advanced''::character varying])::text[])))'),
      ('assessment_results_strengths_weaknesses_check', 'CHECK (((jsonb_typeof(strengths) = ''array''::text) AND (jsonb_typeof(weaknesses) = ''array''::text)))'),
      ('assessment_results_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES progflow.users(id) ON DELETE CASCADE')$$,
  'assessment_results should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.assessment_results')$$,
  $$values
      ('assessment_results_pkey', 'CREATE UNIQUE INDEX assessment_results_pkey ON progflow.assessment_results USING btree (id)'),
      ('assessment_results_user_id_completed_at_idx', 'CREATE INDEX assessment_results_user_id_completed_at_idx ON progflow.assessment_results USING btree (user_id, completed_at DESC)')$$,
  'assessment_results should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');

select throws_ok(
  $$insert into progflow.assessment_results (user_id, assessment_type, questions, responses, score) values ('00000000-0000-0000-0000-0000000000a1', 'quiz', '[]', '[]', 50)$$,
  '23514', null,
  'an unknown assessment type should be rejected'
);
select throws_ok(
  $$insert into progflow.assessment_results (user_id, assessment_type, questions, responses, score) values ('00000000-0000-0000-0000-0000000000a1', 'initial', '{}', '[]', 50)$$,
  '23514', null,
  'questions should stay a JSON array'
);
select throws_ok(
  $$insert into progflow.assessment_results (user_id, assessment_type, questions, responses, score) values ('00000000-0000-0000-0000-0000000000a1', 'initial', '[]', '[]', 150)$$,
  '23514', null,
  'a score over 100 should be rejected'
);
select throws_ok(
  $$insert into progflow.assessment_results (user_id, assessment_type, questions, responses, score, skill_level_recommendation) values ('00000000-0000-0000-0000-0000000000a1', 'initial', '[]', '[]', 50, 'guru')$$,
  '23514', null,
  'an unknown skill level should be rejected'
);

select * from finish();
rollback;
