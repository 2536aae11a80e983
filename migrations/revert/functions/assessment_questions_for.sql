-- Revert progflow:functions/assessment_questions_for from pg: deploys the version of @v0.1.0 again
-- requires: tables/assessment_questions

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The active questions of an assessment, in the form record_assessment reads.
create or replace function progflow.assessment_questions_for(p_assessment_type text default 'initial')
  returns jsonb
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
as $$
begin
  if p_assessment_type is null or p_assessment_type not in ('initial', 'track_placement', 'periodic') then
    raise exception 'assessment_type % is not one of initial, track_placement, periodic',
                    coalesce(quote_literal(p_assessment_type), 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Use initial for the entry assessment.';
  end if;
  return (select coalesce(jsonb_agg(jsonb_build_object(
                   'id', q.slug, 'topic', q.topic, 'difficulty', q.difficulty, 'question', q.question,
                   'options', q.options, 'answer', q.answer) order by q.position, q.slug), '[]')
            from progflow.assessment_questions q
           where q.assessment_type = p_assessment_type and q.is_active);
end;
$$;

revoke all on function progflow.assessment_questions_for(text) from public;
grant execute on function progflow.assessment_questions_for(text) to progflow_readonly;

comment on function progflow.assessment_questions_for(text) is
  E'The active questions of an assessment type as a JSON array of {id, topic, difficulty, question, options, answer}, in order: the `p_questions` argument of record_assessment. Strip `answer` before showing them to a user.\n\nErrors: `22023` an unknown assessment type.\n\nExample: `select progflow.assessment_questions_for(''initial'');`';

commit;
