-- Progress of a user on a challenge: one row per (user, challenge) once it is unlocked or started.
create table progflow.user_challenge_progress (
  id                       uuid                     not null default gen_random_uuid(),
  user_id                  uuid                     not null,
  challenge_id             uuid                     not null,
  status                   progflow.progress_status not null default 'not_started',
  current_level            integer                  not null default 0,
  levels_completed         integer[]                not null default '{}',
  unlock_date              timestamptz,
  start_date               timestamptz,
  completion_date          timestamptz,
  total_attempts           integer                  not null default 0,
  total_time_spent_minutes integer                  not null default 0,
  best_score               numeric(5,2),
  xp_earned                integer                  not null default 0,
  imported_at              timestamptz,
  constraint user_challenge_progress_pkey primary key (id),
  constraint user_challenge_progress_user_id_challenge_id_key unique (user_id, challenge_id),
  constraint user_challenge_progress_user_id_fkey foreign key (user_id)
    references progflow.users (id) on delete cascade,
  constraint user_challenge_progress_challenge_id_fkey foreign key (challenge_id)
    references progflow.challenges (id) on delete restrict,
  constraint user_challenge_progress_current_level_check check (current_level between 0 and 5),
  constraint user_challenge_progress_levels_completed_check check (
    levels_completed <@ array[1, 2, 3, 4, 5] and array_position(levels_completed, null) is null),
  constraint user_challenge_progress_completed_check check (
    (status = 'completed') = (completion_date is not null)),
  constraint user_challenge_progress_counters_check check (
    total_attempts >= 0 and total_time_spent_minutes >= 0 and xp_earned >= 0),
  constraint user_challenge_progress_best_score_check check (best_score between 0 and 100)
);

create index user_challenge_progress_challenge_id_idx on progflow.user_challenge_progress (challenge_id);
create index user_challenge_progress_user_id_status_idx on progflow.user_challenge_progress (user_id, status);
-- The completions of a period, for its challenges board: a few rows in fifty carry a date.
create index user_challenge_progress_completion_date_idx
  on progflow.user_challenge_progress (completion_date) where completion_date is not null;

comment on table progflow.user_challenge_progress is E'Where a user stands on one challenge; written by the engine.';
comment on column progflow.user_challenge_progress.id is E'Primary key.';
comment on column progflow.user_challenge_progress.user_id is E'The user.';
comment on column progflow.user_challenge_progress.challenge_id is E'The challenge.';
comment on column progflow.user_challenge_progress.status is E'not_started (unlocked), in_progress or completed (all five levels completed).';
comment on column progflow.user_challenge_progress.current_level is E'Highest level completed, 0 to 5.';
comment on column progflow.user_challenge_progress.levels_completed is E'Levels completed, sorted, without duplicates, each 1 to 5.';
comment on column progflow.user_challenge_progress.unlock_date is E'When the challenge was unlocked for the user; NULL while locked.';
comment on column progflow.user_challenge_progress.start_date is E'When the user first attempted a level.';
comment on column progflow.user_challenge_progress.completion_date is E'When the fifth level was completed; set exactly when status is completed.';
comment on column progflow.user_challenge_progress.total_attempts is E'Attempts over all levels.';
comment on column progflow.user_challenge_progress.total_time_spent_minutes is E'Minutes over all attempts.';
comment on column progflow.user_challenge_progress.best_score is E'Best score of any attempt, 0 to 100.';
comment on column progflow.user_challenge_progress.xp_earned is E'XP earned from this challenge''s levels.';
comment on column progflow.user_challenge_progress.imported_at is E'When a legacy import last brought levels to this row; their time and hints are unknown, so the challenge counts for no time- or hint-based achievement, and a completion the import brought for no period''s challenges board.';

-- Access: each user reads their own rows, trusted jobs read all; only the engine writes.
alter table progflow.user_challenge_progress enable row level security;
alter table progflow.user_challenge_progress force row level security;
create policy owner_all on progflow.user_challenge_progress to current_user using (true) with check (true);
create policy self_read on progflow.user_challenge_progress for select to progflow_readonly
  using (user_id = (select progflow.current_user_id()));
create policy service_read on progflow.user_challenge_progress for select to progflow_service using (true);
grant select on progflow.user_challenge_progress to progflow_readonly;
