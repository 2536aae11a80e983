-- progflow.record_assessment(p_user_id uuid, p_assessment_type text, p_questions jsonb, p_responses jsonb) returns uuid
-- p_questions: the ids of every active question of the type, once, in any order; p_responses: one
-- option index or null per question. Scored against the catalogue's answer key, never the caller's.
begin;
select plan(20);

select has_function('progflow', 'record_assessment', array['uuid', 'text', 'jsonb', 'jsonb'], 'record_assessment should exist');
select tests.load_catalogue();
select tests.create_user(u) from unnest(array['ada', 'bob', 'cyd', 'dan']) u;
insert into progflow.assessment_questions (slug, assessment_type, position, topic, difficulty, question, options, answer, is_active) values
  ('q1', 'initial', 1, 'Caching', 'beginner', 'One?', '["a", "b", "c", "d"]', 1, true),
  ('q2', 'initial', 2, 'Caching', 'intermediate', 'Two?', '["a", "b", "c", "d"]', 2, true),
  ('q3', 'initial', 3, 'Database Design', 'beginner', 'Three?', '["a", "b", "c", "d"]', 1, true),
  ('q4', 'initial', 4, 'Load Balancing', 'beginner', 'Four?', '["a", "b", "c", "d"]', 0, true),
  ('q-retired', 'initial', 5, 'Caching', 'beginner', 'Gone?', '["a", "b"]', 0, false),
  ('p1', 'periodic', 1, 'Caching', 'beginner', 'P1?', '["a", "b"]', 1, true),
  ('p2', 'periodic', 2, 'Caching', 'beginner', 'P2?', '["a", "b"]', 0, true),
  ('p3', 'periodic', 3, 'Database Design', 'beginner', 'P3?', '["a", "b"]', 1, true),
  ('p4', 'periodic', 4, 'Load Balancing', 'beginner', 'P4?', '["a", "b"]', 0, true),
  ('p5', 'periodic', 5, 'Scalability', 'advanced', 'P5?', '["p50", "p99"]', 1, true);

-- Sent in another order than the catalogue's, responses aligned with it: q4 right (0), q3 wrong
-- (3, the key is 1), q2 right (2), q1 right (1). Caching 2/2, Database 0/1, Load Balancing 1/1: 3 of 4 = 75.
select progflow.record_assessment(tests.user_id('ada'), 'initial', '["q4", "q3", "q2", "q1"]', '[0, 3, 2, 1]');
select results_eq($$select score, skill_level_recommendation::text, track_recommendations, strengths, weaknesses,
                           challenge_recommendations, assessment_type::text, questions, responses
                      from progflow.assessment_results where user_id = tests.user_id('ada')$$,
                  $$values (75.00, 'intermediate', '["fundamentals", "concepts"]'::jsonb, '["Caching", "Load Balancing"]'::jsonb,
                            '["Database Design"]'::jsonb, '["00000000-0000-0000-0000-0000000000c1"]'::jsonb, 'initial',
                            '["q4", "q3", "q2", "q1"]'::jsonb, '[0, 3, 2, 1]'::jsonb)$$,
                  '3 of 4 (in any order) should be 75: intermediate, with strengths, weaknesses, recommendations and what was sent');
select results_eq($$select skill_level::text, onboarding_completed from progflow.users where id = tests.user_id('ada')$$,
                  $$values ('intermediate', true)$$, 'it should set the user''s skill level and onboarding');
select progflow.record_assessment(tests.user_id('bob'), 'initial', '["q1", "q2", "q3", "q4"]', '[1, null, 0, 1]');
select is((select skill_level::text from progflow.users where id = tests.user_id('bob')), 'beginner',
          '1 of 4 (a skipped question counts as wrong) should be beginner');
select progflow.record_assessment(tests.user_id('cyd'), 'periodic', '["p1", "p2", "p3", "p4", "p5"]', '[1, 0, 1, 0, 0]');
select results_eq($$select score, skill_level_recommendation::text, assessment_type::text from progflow.assessment_results
                    where user_id = tests.user_id('cyd')$$, $$values (80.00, 'advanced', 'periodic')$$,
                  '4 of 5 = 80 of the periodic assessment should be advanced');
-- The caller cannot supply the key: whatever it sends, the catalogue's answers are the ones scored.
update progflow.assessment_questions set answer = 3 where slug = 'q1';
select progflow.record_assessment(tests.user_id('dan'), 'initial', '["q1", "q2", "q3", "q4"]', '[3, 2, 1, 0]');
select is((select score from progflow.assessment_results where user_id = tests.user_id('dan')), 100.00,
          'the answers should be those stored in the catalogue when the assessment is scored');

select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial', '["q1", "q2", "q3", "q4"]', '[1, 2]')$$,
                 '22023', 'responses must be a JSON array with one entry per question (4)', 'too few responses should be refused');
select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial',
                     '[{"id": "q1", "topic": "Caching", "options": ["a", "b"], "answer": 0}, "q2", "q3", "q4"]', '[0, 2, 1, 0]')$$,
                 '22023', 'question 1 is not a question id (a JSON string)',
                 'a question sent as an object (with an answer of the caller''s) should be refused, naming it');
select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial', '["q1", "q2", 3, "q4"]', '[1, 2, 1, 0]')$$,
                 '22023', 'question 3 is not a question id (a JSON string)', 'a number in place of an id should be refused');
select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial', '["q1", "q2", "q3", "q4", "nope"]', '[1, 2, 1, 0, 0]')$$,
                 '22023', 'question ''nope'' is not an active question of the initial assessment', 'an unknown id should be refused, named');
select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial', '["q1", "q2", "q3", "q4", "q-retired"]', '[1, 2, 1, 0, 0]')$$,
                 '22023', 'question ''q-retired'' is not an active question of the initial assessment', 'an inactive question should be refused');
select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial', '["q1", "q2", "q3", "q4", "p1"]', '[1, 2, 1, 0, 1]')$$,
                 '22023', 'question ''p1'' is not an active question of the initial assessment',
                 'a question of another assessment type should be refused');
select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial', '["q1", "q2", "q3", "q4", "q1"]', '[1, 2, 1, 0, 1]')$$,
                 '22023', 'question ''q1'' is listed more than once', 'a question listed twice should be refused');
select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial', '["q1", "q3"]', '[1, 1]')$$,
                 '22023', 'the initial assessment was sent without question(s) q2, q4',
                 'an assessment without all its questions should be refused, naming the missing ones');
select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial', '["q1", "q2", "q3", "q4"]', '[1, 2, 4, 0]')$$,
                 '22023', 'response 3 is neither the index of one of its question''s options nor null',
                 'a response past its question''s options should be refused, named');
select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial', '["q1", "q2", "q3", "q4"]', '[1, "b", 1, 0]')$$,
                 '22023', 'response 2 is neither the index of one of its question''s options nor null',
                 'a response that is not a number should be refused, named');
select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial', '["q1", "q2", "q3", "q4"]', '[1, 2, 1.5, -1]')$$,
                 '22023', 'response 3 is neither the index of one of its question''s options nor null',
                 'responses that are not whole non-negative numbers should be refused, the first one named');
select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'quiz', '["q1", "q2", "q3", "q4"]', '[1, 2, 3, 0]')$$,
                 '22023', null, 'an unknown assessment type should be refused');
select throws_ok($$select progflow.record_assessment('00000000-0000-0000-0000-000000000999', 'initial', '["q1", "q2", "q3", "q4"]', '[1, 2, 3, 0]')$$,
                 'P0002', null, 'an unknown user should be P0002');
select is((select count(*)::int from progflow.assessment_results), 4, 'the refused calls should record nothing');

select * from finish();
rollback;
