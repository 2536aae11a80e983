-- Level attempts: every submission of a design for a level. Partitioned by month on created_at.
create table progflow.level_attempts (
  id                 uuid         not null default gen_random_uuid(),
  user_id            uuid         not null,
  challenge_id       uuid         not null,
  level_number       integer      not null,
  attempt_number     integer      not null,
  design_snapshot    jsonb        not null,
  test_results       jsonb        not null,
  score              numeric(5,2) not null,
  passed             boolean      not null,
  xp_earned          integer      not null default 0,
  hints_used         integer      not null default 0,
  time_spent_minutes integer,
  feedback           jsonb        not null default '{}',
  created_at         timestamptz  not null default now(),
  constraint level_attempts_pkey primary key (id, created_at),
  constraint level_attempts_user_id_fkey foreign key (user_id)
    references progflow.users (id) on delete cascade,
  constraint level_attempts_challenge_id_level_number_fkey foreign key (challenge_id, level_number)
    references progflow.challenge_levels (challenge_id, level_number) on delete restrict,
  constraint level_attempts_level_number_check check (level_number between 1 and 5),
  constraint level_attempts_attempt_number_check check (attempt_number >= 1),
  constraint level_attempts_score_check check (score between 0 and 100),
  constraint level_attempts_xp_earned_check check (xp_earned >= 0),
  constraint level_attempts_hints_used_check check (hints_used >= 0),
  constraint level_attempts_time_spent_minutes_check check (time_spent_minutes >= 0),
  constraint level_attempts_design_snapshot_check check (jsonb_typeof(design_snapshot) = 'object'),
  constraint level_attempts_test_results_check check (jsonb_typeof(test_results) = 'array'),
  constraint level_attempts_feedback_check check (jsonb_typeof(feedback) = 'object')
) partition by range (created_at);

create table progflow.level_attempts_default
  partition of progflow.level_attempts default;

create index level_attempts_user_id_created_at_idx
  on progflow.level_attempts (user_id, created_at desc);
create index level_attempts_user_id_challenge_id_level_number_idx
  on progflow.level_attempts (user_id, challenge_id, level_number);
create index level_attempts_challenge_id_level_number_idx
  on progflow.level_attempts (challenge_id, level_number);
create index level_attempts_created_at_idx on progflow.level_attempts (created_at desc);

comment on table progflow.level_attempts is E'Every submission of a design for a level. Range-partitioned by month on `created_at` (partitions `level_attempts_pYYYY_MM`, made ahead by `ensure_partitions`), with a default partition so no insert can fail.';
comment on table progflow.level_attempts_default is E'Default partition of `level_attempts`: catches rows outside the monthly partitions; expected to stay empty.';
comment on column progflow.level_attempts.id is E'Primary key, with `created_at` (partitioned tables need the partition key in it).';
comment on column progflow.level_attempts.user_id is E'The user.';
comment on column progflow.level_attempts.challenge_id is E'The challenge.';
comment on column progflow.level_attempts.level_number is E'The level, 1 to 5.';
comment on column progflow.level_attempts.attempt_number is E'1 for the first attempt of this user on this level, then 2, 3…';
comment on column progflow.level_attempts.design_snapshot is E'JSON object: the design the user submitted.';
comment on column progflow.level_attempts.test_results is E'JSON array: the result of each test case.';
comment on column progflow.level_attempts.score is E'Score, 0 to 100.';
comment on column progflow.level_attempts.passed is E'True when the score reached the level''s pass mark.';
comment on column progflow.level_attempts.xp_earned is E'XP this attempt earned (only a first pass earns any).';
comment on column progflow.level_attempts.hints_used is E'Hints used on this level before the attempt.';
comment on column progflow.level_attempts.time_spent_minutes is E'Minutes the user spent on the attempt.';
comment on column progflow.level_attempts.feedback is E'JSON object of feedback shown to the user.';
comment on column progflow.level_attempts.created_at is E'When the attempt was submitted; the partition key.';

-- Access: each user reads their own rows, trusted jobs read all; only the engine writes.
alter table progflow.level_attempts enable row level security;
alter table progflow.level_attempts force row level security;
create policy owner_all on progflow.level_attempts to current_user using (true) with check (true);
create policy self_read on progflow.level_attempts for select to progflow_readonly
  using (user_id = (select progflow.current_user_id()));
create policy service_read on progflow.level_attempts for select to progflow_service using (true);
grant select on progflow.level_attempts to progflow_readonly;
