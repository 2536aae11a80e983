-- Deploy progflow:earned-content to pg
-- requires: tables/challenge_levels
-- requires: tables/assessment_questions
-- source: sql/progflow/tables/challenge_levels.sql sha256:ff8e05aaadcac8b913c0454bcec8ec895d232aed37577de6921b482751203e6f
-- source: sql/progflow/tables/assessment_questions.sql sha256:47e3b6def10201389ddf09f3a8e2ca45c65786d13cefb3b61b60f5a83456c3cc

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- What a learner must earn is granted to no role: hints come through use_hint, which records
-- them, the solution approach through level_solution, the assessment's answers are scored by
-- record_assessment. The page keeps showing how many hints a level has, from a column of its own.

-- lint: allow volatile-default (a generated column rewrites challenge_levels: the catalogue, 305 rows)
alter table progflow.challenge_levels add column hint_count integer generated always as (
  case when jsonb_typeof(hints) = 'array' then jsonb_array_length(hints) end) stored;

comment on column progflow.challenge_levels.hint_count is E'How many hints the level has (generated from `hints`): what the page may show before a hint is used.';

revoke select on progflow.challenge_levels from progflow_readonly;
grant select (id, challenge_id, level_number, level_name, description, requirements, test_cases, passing_criteria,
              xp_reward, estimated_minutes, hint_count)
  on progflow.challenge_levels to progflow_readonly;

comment on table progflow.assessment_questions is E'The questions of each assessment, with their answers (catalogue, written by the seed). The answer column is the owner''s only: record_assessment scores against it.';
revoke select on progflow.assessment_questions from progflow_readonly;
grant select (id, slug, assessment_type, position, topic, difficulty, question, options, is_active)
  on progflow.assessment_questions to progflow_readonly;

commit;
