-- Learning sessions: time spent on a challenge, an assessment or a lesson.
create table progflow.learning_sessions (
  id               uuid         not null default gen_random_uuid(),
  user_id          uuid         not null,
  session_type     varchar(50)  not null,
  resource_id      varchar(255),
  start_time       timestamptz  not null default now(),
  end_time         timestamptz,
  duration_minutes integer,
  xp_earned        integer      not null default 0,
  completed        boolean      not null default false,
  metadata         jsonb        not null default '{}',
  constraint learning_sessions_pkey primary key (id),
  constraint learning_sessions_user_id_fkey foreign key (user_id)
    references progflow.users (id) on delete cascade,
  constraint learning_sessions_session_type_check check (session_type in ('challenge', 'assessment', 'lesson')),
  constraint learning_sessions_end_time_check check (end_time >= start_time),
  constraint learning_sessions_duration_minutes_check check (duration_minutes >= 0),
  constraint learning_sessions_xp_earned_check check (xp_earned >= 0),
  constraint learning_sessions_metadata_check check (jsonb_typeof(metadata) = 'object')
);

create index learning_sessions_user_id_start_time_idx
  on progflow.learning_sessions (user_id, start_time desc);
create index learning_sessions_start_time_idx on progflow.learning_sessions (start_time desc);

comment on table progflow.learning_sessions is E'A stretch of time a user spent learning.';
comment on column progflow.learning_sessions.id is E'Primary key.';
comment on column progflow.learning_sessions.user_id is E'The user.';
comment on column progflow.learning_sessions.session_type is E'challenge, assessment or lesson.';
comment on column progflow.learning_sessions.resource_id is E'Id of what was studied, as text.';
comment on column progflow.learning_sessions.start_time is E'When the session started.';
comment on column progflow.learning_sessions.end_time is E'When it ended; NULL while open; never before start_time.';
comment on column progflow.learning_sessions.duration_minutes is E'Whole minutes between start and end.';
comment on column progflow.learning_sessions.xp_earned is E'XP earned during the session.';
comment on column progflow.learning_sessions.completed is E'True when the session ended with its goal done.';
comment on column progflow.learning_sessions.metadata is E'JSON object of details.';

-- Access: each user reads their own rows, trusted jobs read all; only the engine writes.
alter table progflow.learning_sessions enable row level security;
alter table progflow.learning_sessions force row level security;
create policy owner_all on progflow.learning_sessions to current_user using (true) with check (true);
create policy self_read on progflow.learning_sessions for select to progflow_readonly
  using (user_id = (select progflow.current_user_id()));
create policy service_read on progflow.learning_sessions for select to progflow_service using (true);
grant select on progflow.learning_sessions to progflow_readonly;
