-- Deploy progflow:functions/record_assessment to pg
-- requires: functions/record_assessment@v0.1.0
-- requires: earned-content
-- source: functions/progflow/record_assessment.sql sha256:1f93d2d5da074d470c1c3f0c5b288f703dc01b3d4976e508193bfee879a3fd29

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Score an assessment against its stored answer key, set the user's skill level, record what it recommends.
/*
  questions: a JSON array of question ids (the `id` of assessment_questions_for: slugs), every
  active question of the assessment once, in any order; responses: a JSON array with one chosen
  option index (or null, skipped) per question, in the same order. The answers are the catalogue's
  (assessment_questions.answer, which no role but the owner reads); nothing the caller sends is
  taken as a key, so a made-up or partial question list is refused, not scored.
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
  v_bad text;
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
    raise exception 'questions must be a non-empty JSON array of question ids'
      using errcode = 'invalid_parameter_value', hint = 'Send the ids of assessment_questions_for, such as ["load-balancer-purpose", …].';
  end if;
  select min(q.n)::text into v_bad from jsonb_array_elements(p_questions) with ordinality q(item, n)
   where jsonb_typeof(q.item) <> 'string';
  if v_bad is not null then
    raise exception 'question % is not a question id (a JSON string)', v_bad
      using errcode = 'invalid_parameter_value',
            hint = 'Send the ids of assessment_questions_for only; the answers are scored against the catalogue.';
  end if;
  select q.id into v_bad from jsonb_array_elements_text(p_questions) q(id) group by q.id having count(*) > 1 limit 1;
  if v_bad is not null then
    raise exception 'question % is listed more than once', quote_literal(v_bad)
      using errcode = 'invalid_parameter_value', hint = 'List each question of the assessment once.';
  end if;
  select q.id into v_bad from jsonb_array_elements_text(p_questions) q(id)
   where not exists (select from progflow.assessment_questions k
                      where k.slug = q.id and k.assessment_type = p_assessment_type and k.is_active)
   limit 1;
  if v_bad is not null then
    raise exception 'question % is not an active question of the % assessment', quote_literal(v_bad), p_assessment_type
      using errcode = 'invalid_parameter_value', hint = 'Send the ids of assessment_questions_for for this assessment type.';
  end if;
  select string_agg(k.slug, ', ' order by k.position, k.slug) into v_bad from progflow.assessment_questions k
   where k.assessment_type = p_assessment_type and k.is_active and not p_questions ? k.slug;
  if v_bad is not null then
    raise exception 'the % assessment was sent without question(s) %', p_assessment_type, v_bad
      using errcode = 'invalid_parameter_value',
            hint = 'Answer (or skip, with null) every question of assessment_questions_for; the score counts them all.';
  end if;
  if p_responses is null or jsonb_typeof(p_responses) <> 'array'
     or jsonb_array_length(p_responses) <> jsonb_array_length(p_questions) then
    raise exception 'responses must be a JSON array with one entry per question (%)', jsonb_array_length(p_questions)
      using errcode = 'invalid_parameter_value', hint = 'Send the chosen option index for each question, or null when skipped.';
  end if;
  -- CASE: the index is compared only once it is known to be a whole number
  select min(r.n)::text into v_bad
    from jsonb_array_elements(p_responses) with ordinality r(item, n)
    join jsonb_array_elements_text(p_questions) with ordinality q(id, n) using (n)
    join progflow.assessment_questions k on k.slug = q.id
   where case when jsonb_typeof(r.item) = 'null' then false
              when jsonb_typeof(r.item) <> 'number' then true
              when (r.item #>> '{}') !~ '^[0-9]{1,2}$' then true
              else (r.item #>> '{}')::integer >= jsonb_array_length(k.options) end;
  if v_bad is not null then
    raise exception 'response % is neither the index of one of its question''s options nor null', v_bad
      using errcode = 'invalid_parameter_value', hint = 'Send the chosen option index (from 0) for each question, or null when skipped.';
  end if;
  perform progflow.lock_user(p_user_id);

  with answers as (
    select k.topic, coalesce((r.item #>> '{}')::integer = k.answer, false) as correct
      from jsonb_array_elements_text(p_questions) with ordinality q(id, n)
      join jsonb_array_elements(p_responses) with ordinality r(item, n) using (n)
      join progflow.assessment_questions k on k.slug = q.id
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
  E'Scores an assessment against the catalogue''s answer key (correct answers ÷ questions × 100; a skipped question is wrong), sets the user''s skill level (< 50 beginner, 50–79 intermediate, ≥ 80 advanced) and onboarding_completed, and records it with per-topic strengths (≥ 75 %) and weaknesses (< 50 %), recommended tracks (beginner: fundamentals; intermediate: fundamentals, concepts; advanced: systems) and up to 5 recommended challenges.\n\n`p_questions`: JSON array of question ids (the `id` of `assessment_questions_for`), every active question of the type once, in any order; `p_responses`: one option index (from 0) or null per question, in the same order.\n\nReturns the assessment''s id.\n\nErrors: `22023` an unknown type; a question that is not an id, unknown or inactive for the type, listed twice, or missing; a response that is not an index of its question''s options nor null (named); `P0002` unknown user; `42501` the caller may not act for the user.\n\nExample: `select progflow.record_assessment(''…user…'', ''initial'', ''["load-balancer-purpose", "document-store-fit", …]'', ''[1, null, …]'');`';

commit;
