-- Deploy progflow:functions/record_assessment to pg
-- requires: functions/recommend_challenges
-- requires: functions/lock_user
-- requires: tables/assessment_results
-- requires: functions/authorize
-- source: functions/progflow/record_assessment.sql sha256:bfd3893538c3f2a55075839fb855d5b3399de0942a43aa729c3d93f78ae7c4f3

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Score an assessment, set the user's skill level, and record what it recommends.
/*
  questions: a JSON array of objects {"id", "topic", "difficulty", "options": [...], "answer": index};
  responses: a JSON array with one chosen option index (or null, skipped) per question, in order.
*/
create or replace function progflow.record_assessment(p_user_id uuid, p_assessment_type text, p_questions jsonb,
                                                      p_responses jsonb)
  returns uuid
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_bad integer;
  v_score numeric;
  v_level progflow.skill_level;
  v_strengths jsonb;
  v_weaknesses jsonb;
  v_id uuid;
begin
  perform progflow.authorize(p_user_id);
  if p_assessment_type is null or p_assessment_type not in ('initial', 'track_placement', 'periodic') then
    raise exception 'assessment_type % is not one of initial, track_placement, periodic',
                    coalesce(quote_literal(p_assessment_type), 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Use initial for the entry assessment.';
  end if;
  if p_questions is null or jsonb_typeof(p_questions) <> 'array' or jsonb_array_length(p_questions) = 0 then
    raise exception 'questions must be a non-empty JSON array'
      using errcode = 'invalid_parameter_value', hint = 'Send the questions asked, each with its topic, options and answer.';
  end if;
  select min(q.n) into v_bad
    from jsonb_array_elements(p_questions) with ordinality q(item, n)
   where jsonb_typeof(q.item) <> 'object' or jsonb_typeof(q.item -> 'topic') is distinct from 'string'
      or jsonb_typeof(q.item -> 'options') is distinct from 'array'
      or jsonb_typeof(q.item -> 'answer') is distinct from 'number'
      or (q.item ->> 'answer')::numeric not between 0 and jsonb_array_length(q.item -> 'options') - 1;
  if v_bad is not null then
    raise exception 'question % is not an object with a topic, options and an answer among the options', v_bad
      using errcode = 'invalid_parameter_value', hint = 'Each question: {"topic": "…", "options": ["…"], "answer": 0}.';
  end if;
  if p_responses is null or jsonb_typeof(p_responses) <> 'array'
     or jsonb_array_length(p_responses) <> jsonb_array_length(p_questions) then
    raise exception 'responses must be a JSON array with one entry per question (%)', jsonb_array_length(p_questions)
      using errcode = 'invalid_parameter_value', hint = 'Send the chosen option index for each question, or null when skipped.';
  end if;
  select min(r.n) into v_bad from jsonb_array_elements(p_responses) with ordinality r(item, n)
   where jsonb_typeof(r.item) not in ('number', 'null');
  if v_bad is not null then
    raise exception 'response % is neither an option index nor null', v_bad
      using errcode = 'invalid_parameter_value', hint = 'Send the chosen option index for each question, or null when skipped.';
  end if;
  perform progflow.lock_user(p_user_id);

  with answers as (
    select q.item ->> 'topic' as topic, (r.item = q.item -> 'answer') as correct
      from jsonb_array_elements(p_questions) with ordinality q(item, n)
      join jsonb_array_elements(p_responses) with ordinality r(item, n) using (n)
  ), topics as (
    select topic, avg(correct::integer) * 100 as percent from answers group by topic
  )
  select round(avg(a.correct::integer) * 100, 2),
         (select coalesce(jsonb_agg(topic order by topic), '[]') from topics where percent >= 75),
         (select coalesce(jsonb_agg(topic order by topic), '[]') from topics where percent < 50)
    into v_score, v_strengths, v_weaknesses
    from answers a;
  v_level := case when v_score >= 80 then 'advanced' when v_score >= 50 then 'intermediate' else 'beginner' end::progflow.skill_level;
  update progflow.users u set skill_level = v_level, onboarding_completed = true where u.id = p_user_id;

  insert into progflow.assessment_results (user_id, assessment_type, questions, responses, score,
                                           skill_level_recommendation, track_recommendations,
                                           challenge_recommendations, strengths, weaknesses)
  values (p_user_id, p_assessment_type, p_questions, p_responses, v_score, v_level::text,
          case v_level when 'beginner' then '["fundamentals"]'::jsonb
                       when 'intermediate' then '["fundamentals", "concepts"]'::jsonb
                       else '["systems"]'::jsonb end,
          (select coalesce(jsonb_agg(r.challenge_id), '[]') from progflow.recommend_challenges(p_user_id, 5) r),
          v_strengths, v_weaknesses)
  returning id into v_id;
  return v_id;
end;
$$;

revoke all on function progflow.record_assessment(uuid, text, jsonb, jsonb) from public;
grant execute on function progflow.record_assessment(uuid, text, jsonb, jsonb) to progflow_app;

comment on function progflow.record_assessment(uuid, text, jsonb, jsonb) is
  E'Scores an assessment (correct answers ÷ questions × 100), sets the user''s skill level (< 50 beginner, 50–79 intermediate, ≥ 80 advanced) and onboarding_completed, and records it with per-topic strengths (≥ 75 %) and weaknesses (< 50 %), recommended tracks (beginner: fundamentals; intermediate: fundamentals, concepts; advanced: systems) and up to 5 recommended challenges.\n\n`p_questions`: array of {"topic", "options": [...], "answer": index, …}; `p_responses`: one option index (or null) per question.\n\nReturns the assessment''s id.\n\nErrors: `22023` an unknown type or a malformed question or response (named by position); `P0002` unknown user; `42501` the caller may not act for the user.\n\nExample: `select progflow.record_assessment(''…user…'', ''initial'', ''[{"topic": "Caching", "options": ["a", "b"], "answer": 1}]'', ''[1]'');`';

commit;
