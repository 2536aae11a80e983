-- progflow.assessment_questions_for(p_assessment_type text default 'initial') returns jsonb
begin;
select plan(6);

select has_function('progflow', 'assessment_questions_for', array['text'], 'assessment_questions_for should exist');
insert into progflow.assessment_questions (slug, position, topic, difficulty, question, options, answer, is_active) values
  ('second', 2, 'Caching', 'beginner', 'Second?', '["a", "b"]', 0, true),
  ('first', 1, 'Databases', 'advanced', 'First?', '["a", "b", "c"]', 2, true),
  ('retired', 3, 'Caching', 'beginner', 'Gone?', '["a", "b"]', 0, false);

select is(progflow.assessment_questions_for(),
          '[{"id": "first", "topic": "Databases", "difficulty": "advanced", "question": "First?", "options": ["a", "b", "c"]},
            {"id": "second", "topic": "Caching", "difficulty": "beginner", "question": "Second?", "options": ["a", "b"]}]'::jsonb,
          'active questions should come in order, as a user is shown them: without their answers');
select is(progflow.assessment_questions_for('periodic'), '[]'::jsonb, 'a type without questions should give an empty array');
select tests.create_user('ada');
select lives_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial',
                                                    (select jsonb_agg(q -> 'id') from jsonb_array_elements(progflow.assessment_questions_for()) q),
                                                    '[2, 0]')$$,
                'record_assessment should take their ids, with one option index per question');
select is((select score from progflow.assessment_results where user_id = tests.user_id('ada')), 100.00,
          'and score the chosen options against the stored answers (both right)');
select throws_ok($$select progflow.assessment_questions_for('quiz')$$, '22023', null, 'an unknown type should be refused');

select * from finish();
rollback;
