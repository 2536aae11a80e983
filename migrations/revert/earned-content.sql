-- Revert progflow:earned-content from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Column privileges go with the whole-table grant back; revoke them first, or they would stay.
revoke select (id, challenge_id, level_number, level_name, description, requirements, test_cases, passing_criteria,
               xp_reward, estimated_minutes, hint_count)
  on progflow.challenge_levels from progflow_readonly;
grant select on progflow.challenge_levels to progflow_readonly;
alter table progflow.challenge_levels drop column hint_count;

revoke select (id, slug, assessment_type, position, topic, difficulty, question, options, is_active)
  on progflow.assessment_questions from progflow_readonly;
grant select on progflow.assessment_questions to progflow_readonly;
comment on table progflow.assessment_questions is E'The questions of each assessment, with their answers (catalogue, written by the seed). Show them to users without the answer column.';

commit;
