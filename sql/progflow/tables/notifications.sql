-- Notifications: messages to a user (achievements, level completions, streaks, unlocks).
create table progflow.notifications (
  id         uuid         not null default gen_random_uuid(),
  user_id    uuid         not null,
  type       varchar(50)  not null,
  title      varchar(200) not null,
  message    text,
  action_url text,
  is_read    boolean      not null default false,
  created_at timestamptz  not null default now(),
  read_at    timestamptz,
  constraint notifications_pkey primary key (id),
  constraint notifications_user_id_fkey foreign key (user_id)
    references progflow.users (id) on delete cascade,
  constraint notifications_type_check check (
    type in ('achievement', 'level_complete', 'streak', 'challenge_unlock')),
  constraint notifications_read_at_check check (is_read or read_at is null)
);

create index notifications_user_id_created_at_idx on progflow.notifications (user_id, created_at desc);
create index notifications_user_id_unread_idx on progflow.notifications (user_id) where not is_read;
create index notifications_created_at_idx on progflow.notifications (created_at desc);

comment on table progflow.notifications is E'A message to a user.';
comment on column progflow.notifications.id is E'Primary key.';
comment on column progflow.notifications.user_id is E'The user.';
comment on column progflow.notifications.type is E'achievement, level_complete, streak or challenge_unlock.';
comment on column progflow.notifications.title is E'Short title.';
comment on column progflow.notifications.message is E'Body of the message.';
comment on column progflow.notifications.action_url is E'Where the notification leads in the app.';
comment on column progflow.notifications.is_read is E'True once the user read it.';
comment on column progflow.notifications.created_at is E'When it was sent.';
comment on column progflow.notifications.read_at is E'When it was read; NULL while unread.';

-- Access: each user reads their own rows, trusted jobs read all; only the engine writes.
alter table progflow.notifications enable row level security;
alter table progflow.notifications force row level security;
create policy owner_all on progflow.notifications to current_user using (true) with check (true);
create policy self_read on progflow.notifications for select to progflow_readonly
  using (user_id = (select progflow.current_user_id()));
create policy service_read on progflow.notifications for select to progflow_service using (true);
grant select on progflow.notifications to progflow_readonly;
