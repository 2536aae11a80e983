-- progflow.assessment_questions_for(p_assessment_type text default 'initial') returns jsonb
begin;
select plan(5);

select has_function('progflow', 'assessment_questions_for', array['text'], 'assessment_questions_for should exist');
insert into progflow.assessment_questions (slug, position, topic, difficulty, question, options, answer, is_active) values
  ('second', 2, 'Caching', 'beginner', 'Second?', '["a", "b"]', 0, true),
  ('first', 1, 'Databases', 'advanced', 'First?', '["a", "b", "c"]', 2, true),
  ('retired', 3, 'Caching', 'beginner', 'Gone?', '["a", "b"]', 0, false);

select is(progflow.assessment_questions_for(),
          '[{"id": "first", "topic": "Databases", "difficulty": "advanced", "question": "First?", "options": ["a", "b", "c"], "answer": 2},
            {"id": "second", "topic": "Caching", "difficulty": "beginner", "question": "Second?", "options": ["a", "b"], "answer": 0}]'::jsonb,
          'active questions should come in order, in the form record_assessment reads');
select is(progflow.assessment_questions_for('periodic'), '[]'::jsonb, 'a type without questions should give an empty array');
select tests.create_user('ada');
select lives_ok($$select progflow.record_assessment(tests.user_id('ada'), 'initial', progflow.assessment_questions_for(), '[2, 0]')$$,
                'record_assessment should take them as they are');
select throws_ok($$select progflow.assessment_questions_for('quiz')$$, '22023', null, 'an unknown type should be refused');

select * from finish();
rollback;
