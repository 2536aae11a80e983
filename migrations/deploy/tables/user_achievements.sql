-- Deploy progflow:tables/user_achievements to pg
-- requires: tables/users
-- requires: tables/achievements
-- requires: functions/current_user_id
-- source: sql/progflow/tables/user_achievements.sql sha256:a81a4a478d4a84211dc54386c7b90b3cff88daa75a2cb0b3e9c16ff96777216f

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Achievements a user unlocked.
create table progflow.user_achievements (
  id             uuid         not null default gen_random_uuid(),
  user_id        uuid         not null,
  achievement_id uuid         not null,
  unlocked_at    timestamptz  not null default now(),
  progress       numeric(5,2) not null default 100.00,
  metadata       jsonb        not null default '{}',
  constraint user_achievements_pkey primary key (id),
  constraint user_achievements_user_id_achievement_id_key unique (user_id, achievement_id),
  constraint user_achievements_user_id_fkey foreign key (user_id)
    references progflow.users (id) on delete cascade,
  constraint user_achievements_achievement_id_fkey foreign key (achievement_id)
    references progflow.achievements (id) on delete restrict,
  constraint user_achievements_progress_check check (progress between 0 and 100),
  constraint user_achievements_metadata_check check (jsonb_typeof(metadata) = 'object')
);

create index user_achievements_achievement_id_idx on progflow.user_achievements (achievement_id);
create index user_achievements_unlocked_at_idx on progflow.user_achievements (unlocked_at desc);

comment on table progflow.user_achievements is E'An achievement a user unlocked, once per user and achievement.';
comment on column progflow.user_achievements.id is E'Primary key.';
comment on column progflow.user_achievements.user_id is E'The user.';
comment on column progflow.user_achievements.achievement_id is E'The achievement.';
comment on column progflow.user_achievements.unlocked_at is E'When it unlocked.';
comment on column progflow.user_achievements.progress is E'Progress towards it, 0 to 100 (100 once unlocked).';
comment on column progflow.user_achievements.metadata is E'JSON object of details about the unlock.';

-- Access: each user reads their own rows, trusted jobs read all; only the engine writes.
alter table progflow.user_achievements enable row level security;
alter table progflow.user_achievements force row level security;
create policy owner_all on progflow.user_achievements to current_user using (true) with check (true);
create policy self_read on progflow.user_achievements for select to progflow_readonly
  using (user_id = (select progflow.current_user_id()));
create policy service_read on progflow.user_achievements for select to progflow_service using (true);
grant select on progflow.user_achievements to progflow_readonly;

commit;
