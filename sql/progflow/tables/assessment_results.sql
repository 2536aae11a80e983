-- Assessment results: the entry assessment and later ones.
create table progflow.assessment_results (
  id                         uuid         not null default gen_random_uuid(),
  user_id                    uuid         not null,
  assessment_type            varchar(50)  not null,
  questions                  jsonb        not null,
  responses                  jsonb        not null,
  score                      numeric(5,2) not null,
  skill_level_recommendation varchar(50),
  track_recommendations      jsonb        not null default '[]',
  challenge_recommendations  jsonb        not null default '[]',
  strengths                  jsonb        not null default '[]',
  weaknesses                 jsonb        not null default '[]',
  completed_at               timestamptz  not null default now(),
  constraint assessment_results_pkey primary key (id),
  constraint assessment_results_user_id_fkey foreign key (user_id)
    references progflow.users (id) on delete cascade,
  constraint assessment_results_assessment_type_check check (
    assessment_type in ('initial', 'track_placement', 'periodic')),
  constraint assessment_results_score_check check (score between 0 and 100),
  constraint assessment_results_skill_level_recommendation_check check (
    skill_level_recommendation in ('beginner', 'intermediate', 'advanced')),
  constraint assessment_results_questions_check check (jsonb_typeof(questions) = 'array'),
  constraint assessment_results_responses_check check (jsonb_typeof(responses) = 'array'),
  constraint assessment_results_recommendations_check check (
    jsonb_typeof(track_recommendations) = 'array' and jsonb_typeof(challenge_recommendations) = 'array'),
  constraint assessment_results_strengths_weaknesses_check check (
    jsonb_typeof(strengths) = 'array' and jsonb_typeof(weaknesses) = 'array')
);

create index assessment_results_user_id_completed_at_idx
  on progflow.assessment_results (user_id, completed_at desc);

comment on table progflow.assessment_results is E'The result of an assessment a user took.';
comment on column progflow.assessment_results.id is E'Primary key.';
comment on column progflow.assessment_results.user_id is E'The user.';
comment on column progflow.assessment_results.assessment_type is E'initial, track_placement or periodic.';
comment on column progflow.assessment_results.questions is E'JSON array of the questions asked.';
comment on column progflow.assessment_results.responses is E'JSON array of the answers given, in question order.';
comment on column progflow.assessment_results.score is E'Correct answers over questions, times 100.';
comment on column progflow.assessment_results.skill_level_recommendation is E'beginner (< 50), intermediate (50 to 79) or advanced (80 and up).';
comment on column progflow.assessment_results.track_recommendations is E'JSON array of recommended track slugs.';
comment on column progflow.assessment_results.challenge_recommendations is E'JSON array of recommended challenge ids.';
comment on column progflow.assessment_results.strengths is E'JSON array of topics scored 75 % or more.';
comment on column progflow.assessment_results.weaknesses is E'JSON array of topics scored under 50 %.';
comment on column progflow.assessment_results.completed_at is E'When the assessment was completed.';

-- Access: each user reads their own rows, trusted jobs read all; only the engine writes.
alter table progflow.assessment_results enable row level security;
alter table progflow.assessment_results force row level security;
create policy owner_all on progflow.assessment_results to current_user using (true) with check (true);
create policy self_read on progflow.assessment_results for select to progflow_readonly
  using (user_id = (select progflow.current_user_id()));
create policy service_read on progflow.assessment_results for select to progflow_service using (true);
grant select on progflow.assessment_results to progflow_readonly;
