-- Users: one row per learner. Personal data lives here and nowhere else.
create table progflow.users (
  id                   uuid                 not null default gen_random_uuid(),
  email                varchar(255)         not null,
  username             varchar(100)         not null,
  display_name         varchar(200),
  avatar_url           text,
  skill_level          progflow.skill_level not null default 'beginner',
  onboarding_completed boolean              not null default false,
  preferences          jsonb                not null default '{}',
  created_at           timestamptz          not null default now(),
  updated_at           timestamptz          not null default now(),
  last_active_at       timestamptz          not null default now(),
  constraint users_pkey primary key (id),
  constraint users_email_check check (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  constraint users_username_check check (username ~ '^[A-Za-z0-9_.-]{3,100}$'),
  constraint users_preferences_check check (
    jsonb_typeof(preferences) = 'object'
    and coalesce(jsonb_typeof(preferences -> 'timezone'), 'string') = 'string'),
  constraint users_profile_visibility_check check (
    coalesce(preferences ->> 'profile_visibility' in ('public', 'private'), true))
);

create unique index users_lower_email_key on progflow.users (lower(email));
create unique index users_lower_username_key on progflow.users (lower(username));
create index users_last_active_at_idx on progflow.users (last_active_at);

create trigger _100_timestamps
  before update on progflow.users
  for each row execute function progflow.tg__timestamps();

comment on table progflow.users is E'A learner of the course. Deleting a user deletes their progress, attempts and ledger rows.';
comment on column progflow.users.id is E'Primary key.';
comment on column progflow.users.email is E'Email address, unique regardless of case.';
comment on column progflow.users.username is E'Public handle: 3 to 100 letters, digits, `_`, `.` or `-`; unique regardless of case.';
comment on column progflow.users.display_name is E'Name shown on leaderboards; the username when empty.';
comment on column progflow.users.avatar_url is E'URL of the user''s picture.';
comment on column progflow.users.skill_level is E'Skill level, set by the entry assessment; drives recommendations.';
comment on column progflow.users.onboarding_completed is E'True once the entry assessment is done or skipped.';
comment on column progflow.users.preferences is E'JSON object of preferences; `timezone` (an IANA name, UTC when absent) decides the user''s calendar days; `profile_visibility` is `public` (the default when absent: other learners see the public profile, public_profile) or `private`.';
comment on column progflow.users.created_at is E'When the user signed up.';
comment on column progflow.users.updated_at is E'When the row last changed (kept by a trigger).';
comment on column progflow.users.last_active_at is E'When the user last did something that counts as activity.';

-- Access: the backend reads, signs up, edits and deletes the acting user only (it sets
-- progflow.user_id to the new id before the INSERT); trusted jobs act on anyone.
alter table progflow.users enable row level security;
alter table progflow.users force row level security;
create policy owner_all on progflow.users to current_user using (true) with check (true);
create policy self_read on progflow.users for select to progflow_readonly
  using (id = (select progflow.current_user_id()));
create policy self_insert on progflow.users for insert to progflow_app
  with check (id = (select progflow.current_user_id()));
create policy self_update on progflow.users for update to progflow_app
  using (id = (select progflow.current_user_id())) with check (id = (select progflow.current_user_id()));
create policy self_delete on progflow.users for delete to progflow_app
  using (id = (select progflow.current_user_id()));
create policy service_all on progflow.users to progflow_service using (true) with check (true);
grant select on progflow.users to progflow_readonly;
grant insert (id, email, username, display_name, avatar_url, preferences),
      update (email, username, display_name, avatar_url, preferences, onboarding_completed),
      delete
   on progflow.users to progflow_app;
