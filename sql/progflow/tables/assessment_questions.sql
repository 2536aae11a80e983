-- Assessment questions: the catalogue of questions an assessment asks (written by the seed).
create table progflow.assessment_questions (
  id              uuid                 not null default gen_random_uuid(),
  slug            varchar(100)         not null,
  assessment_type varchar(50)          not null default 'initial',
  position        integer              not null,
  topic           varchar(100)         not null,
  difficulty      progflow.skill_level not null,
  question        text                 not null,
  options         jsonb                not null,
  answer          integer              not null,
  is_active       boolean              not null default true,
  constraint assessment_questions_pkey primary key (id),
  constraint assessment_questions_slug_key unique (slug),
  constraint assessment_questions_slug_check check (slug ~ '^[a-z0-9]+([_-][a-z0-9]+)*$'),
  constraint assessment_questions_assessment_type_check check (
    assessment_type in ('initial', 'track_placement', 'periodic')),
  constraint assessment_questions_position_check check (position >= 1),
  -- CASE, not AND: jsonb_array_length must never see a non-array (AND does not fix the order).
  constraint assessment_questions_options_check check (
    case when jsonb_typeof(options) = 'array' then jsonb_array_length(options) between 2 and 6 else false end),
  constraint assessment_questions_answer_check check (
    case when jsonb_typeof(options) = 'array' then answer >= 0 and answer < jsonb_array_length(options) else false end)
);

create index assessment_questions_assessment_type_position_idx
  on progflow.assessment_questions (assessment_type, position);

comment on table progflow.assessment_questions is E'The questions of each assessment, with their answers (catalogue, written by the seed). The answer column is the owner''s only: record_assessment scores against it.';
comment on column progflow.assessment_questions.id is E'Primary key; stable across seeding.';
comment on column progflow.assessment_questions.slug is E'Stable key of the question.';
comment on column progflow.assessment_questions.assessment_type is E'initial, track_placement or periodic.';
comment on column progflow.assessment_questions.position is E'Order of the question in its assessment, from 1.';
comment on column progflow.assessment_questions.topic is E'Topic scored for strengths and weaknesses.';
comment on column progflow.assessment_questions.difficulty is E'Difficulty of the question.';
comment on column progflow.assessment_questions.question is E'The question.';
comment on column progflow.assessment_questions.options is E'JSON array of 2 to 6 answer options.';
comment on column progflow.assessment_questions.answer is E'Index (from 0) of the correct option.';
comment on column progflow.assessment_questions.is_active is E'False when removed from the catalogue (rows are never deleted).';

-- Access: the catalogue is readable by all roles and written by the owner only; the answer key
-- is not granted to any role (record_assessment, running as the owner, scores against it).
alter table progflow.assessment_questions enable row level security;
alter table progflow.assessment_questions force row level security;
create policy owner_all on progflow.assessment_questions to current_user using (true) with check (true);
create policy public_read on progflow.assessment_questions for select to progflow_readonly using (true);
grant select (id, slug, assessment_type, position, topic, difficulty, question, options, is_active)
  on progflow.assessment_questions to progflow_readonly;
