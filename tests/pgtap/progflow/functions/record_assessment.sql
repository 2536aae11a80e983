-- progflow.record_assessment(p_user_id uuid, p_assessment_type text, p_questions jsonb, p_responses jsonb) returns uuid
begin;
select plan(11);

select has_function('progflow', 'record_assessment', array['uuid', 'text', 'jsonb', 'jsonb'], 'record_assessment should exist');
select tests.load_catalogue();
select tests.create_user(u) from unnest(array['ada', 'bob', 'cyd']) u;
create temporary table quiz (questions jsonb) on commit drop;
insert into quiz values ('[
  {"id": "q1", "topic": "Caching", "difficulty": "beginner", "options": ["a", "b", "c", "d"], "answer": 1},
  {"id": "q2", "topic": "Caching", "difficulty": "intermediate", "options": ["a", "b", "c", "d"], "answer": 2},
  {"id": "q3", "topic": "Database Design", "difficulty": "beginner", "options": ["a", "b", "c", "d"], "answer": 1},
  {"id": "q4", "topic": "Load Balancing", "difficulty": "beginner", "options": ["a", "b", "c", "d"], "answer": 0}
]');

-- Caching 2/2, Database 0/1, Load Balancing 1/1: 3 of 4 = 75.
select progflow.record_assessment(tests.user_id('ada'), 'initial', (select questions from quiz), '[1, 2, 3, 0]');
select results_eq($$select score, skill_level_recommendation::text, track_recommendations, strengths, weaknesses,
                           challenge_recommendations
                      from progflow.assessment_results where user_id = tests.user_id('ada')$$,
                  $$values (75.00, 'intermediate', '["fundamentals", "concepts"]'::jsonb, '["Caching", "Load Balancing"]'::jsonb,
                            '["Database Design"]'::jsonb, '["00000000-0000-0000-0000-0000000000c1"]'::jsonb)$$,
                  '3 of 4 should be 75: intermediate, with strengths, weaknesses and recommendations');
select results_eq($$select skill_level::text, onboarding_completed from progflow.users where id = tests.user_id('ada')$$,
                  $$values ('intermediate', true)$$, 'it should set the user''s skill level and onboarding');
select progflow.record_assessment(tests.user_id('bob'), 'initial', (select questions from quiz), '[1, null, 0, 1]');
select is((select skill_level::text from progflow.users where id = tests.user_id('bob')), 'beginner',
          '1 of 4 (a skipped question counts as wrong) should be beginner');
select progflow.record_assessment(tests.user_id('cyd'), 'initial',
                                  (select questions from quiz) || '[{"topic": "Scalability", "options": ["p50", "p99"], "answer": 1}]',
                                  '[1, 2, 1, 0, 0]');
select results_eq($$select score, skill_level_recommendation::text from progflow.assessment_results
                    where user_id = tests.user_id('cyd')$$, $$values (80.00, 'advanced')$$, '4 of 5 = 80 should be advanced');
select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial', (select questions from quiz), '[1, 2]')$$,
                 '22023', 'responses must be a JSON array with one entry per question (4)', 'too few responses should be refused');
select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial', '[{"topic": "x", "options": ["a"], "answer": 3}]', '[0]')$$,
                 '22023', 'question 1 is not an object with a topic, options and an answer among the options',
                 'an answer outside the options should be refused, naming the question');
select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'quiz', (select questions from quiz), '[1, 2, 3, 0]')$$,
                 '22023', null, 'an unknown assessment type should be refused');
select throws_ok($$select progflow.record_assessment('00000000-0000-0000-0000-000000000999', 'initial', (select questions from quiz), '[1, 2, 3, 0]')$$,
                 'P0002', null, 'an unknown user should be P0002');
select throws_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial', (select questions from quiz), '[1, "b", 3, 0]')$$,
                 '22023', 'response 2 is neither an option index nor null', 'a response that is not an index should be refused, named');
select is((select count(*)::int from progflow.assessment_results), 3, 'the refused calls should record nothing');

select * from finish();
rollback;
