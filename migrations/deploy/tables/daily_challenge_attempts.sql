-- Deploy progflow:tables/daily_challenge_attempts to pg
-- requires: tables/users
-- requires: tables/daily_challenges
-- requires: functions/current_user_id
-- source: sql/progflow/tables/daily_challenge_attempts.sql sha256:6e8f76ff1f784cb54aca11b73bae7576567a80e98b7e8342c546a92e56c98303

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Daily challenge attempts: one per user per daily challenge.
create table progflow.daily_challenge_attempts (
  id                 uuid         not null default gen_random_uuid(),
  user_id            uuid         not null,
  daily_challenge_id uuid         not null,
  score              numeric(5,2) not null,
  xp_earned          integer      not null default 0,
  rank               integer,
  completed_at       timestamptz  not null default now(),
  constraint daily_challenge_attempts_pkey primary key (id),
  constraint daily_challenge_attempts_user_id_daily_challenge_id_key unique (user_id, daily_challenge_id),
  constraint daily_challenge_attempts_user_id_fkey foreign key (user_id)
    references progflow.users (id) on delete cascade,
  constraint daily_challenge_attempts_daily_challenge_id_fkey foreign key (daily_challenge_id)
    references progflow.daily_challenges (id) on delete cascade,
  constraint daily_challenge_attempts_score_check check (score between 0 and 100),
  constraint daily_challenge_attempts_xp_earned_check check (xp_earned >= 0),
  constraint daily_challenge_attempts_rank_check check (rank >= 1)
);

create index daily_challenge_attempts_daily_challenge_id_score_idx
  on progflow.daily_challenge_attempts (daily_challenge_id, score desc);

comment on table progflow.daily_challenge_attempts is E'A user''s one attempt at a daily challenge.';
comment on column progflow.daily_challenge_attempts.id is E'Primary key.';
comment on column progflow.daily_challenge_attempts.user_id is E'The user.';
comment on column progflow.daily_challenge_attempts.daily_challenge_id is E'The daily challenge.';
comment on column progflow.daily_challenge_attempts.score is E'Score, 0 to 100.';
comment on column progflow.daily_challenge_attempts.xp_earned is E'XP earned, rank bonus included once the day is closed.';
comment on column progflow.daily_challenge_attempts.rank is E'Rank among the day''s attempts by score (ties share); NULL until the day is closed.';
comment on column progflow.daily_challenge_attempts.completed_at is E'When the attempt was submitted.';

-- Access: each user reads their own rows, trusted jobs read all; only the engine writes.
alter table progflow.daily_challenge_attempts enable row level security;
alter table progflow.daily_challenge_attempts force row level security;
create policy owner_all on progflow.daily_challenge_attempts to current_user using (true) with check (true);
create policy self_read on progflow.daily_challenge_attempts for select to progflow_readonly
  using (user_id = (select progflow.current_user_id()));
create policy service_read on progflow.daily_challenge_attempts for select to progflow_service using (true);
grant select on progflow.daily_challenge_attempts to progflow_readonly;

commit;
