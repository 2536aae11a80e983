-- Deploy progflow:tables/hint_usage to pg
-- requires: tables/users
-- requires: tables/challenge_levels
-- requires: functions/current_user_id
-- source: sql/progflow/tables/hint_usage.sql sha256:7f4670d9214b2b8369f4773d0972c46b4a3f2263e55aa177262b790df0ae981a

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Hint usage: every hint a user revealed on a level.
create table progflow.hint_usage (
  id           uuid        not null default gen_random_uuid(),
  user_id      uuid        not null,
  challenge_id uuid        not null,
  level_number integer     not null,
  hint_number  integer     not null,
  xp_penalty   integer     not null default 0,
  used_at      timestamptz not null default now(),
  constraint hint_usage_pkey primary key (id),
  constraint hint_usage_user_id_challenge_id_level_number_hint_number_key
    unique (user_id, challenge_id, level_number, hint_number),
  constraint hint_usage_user_id_fkey foreign key (user_id)
    references progflow.users (id) on delete cascade,
  constraint hint_usage_challenge_id_level_number_fkey foreign key (challenge_id, level_number)
    references progflow.challenge_levels (challenge_id, level_number) on delete restrict,
  constraint hint_usage_level_number_check check (level_number between 1 and 5),
  constraint hint_usage_hint_number_check check (hint_number >= 1),
  constraint hint_usage_xp_penalty_check check (xp_penalty >= 0)
);

create index hint_usage_challenge_id_level_number_idx
  on progflow.hint_usage (challenge_id, level_number);

comment on table progflow.hint_usage is E'A hint a user revealed on a level; each one lowers that level''s XP by 10 % (at most by half).';
comment on column progflow.hint_usage.id is E'Primary key.';
comment on column progflow.hint_usage.user_id is E'The user.';
comment on column progflow.hint_usage.challenge_id is E'The challenge.';
comment on column progflow.hint_usage.level_number is E'The level, 1 to 5.';
comment on column progflow.hint_usage.hint_number is E'Which hint of the level, from 1; each is revealed once per user.';
comment on column progflow.hint_usage.xp_penalty is E'Penalty recorded for the hint (10).';
comment on column progflow.hint_usage.used_at is E'When the hint was revealed.';

-- Access: each user reads their own rows, trusted jobs read all; only the engine writes.
alter table progflow.hint_usage enable row level security;
alter table progflow.hint_usage force row level security;
create policy owner_all on progflow.hint_usage to current_user using (true) with check (true);
create policy self_read on progflow.hint_usage for select to progflow_readonly
  using (user_id = (select progflow.current_user_id()));
create policy service_read on progflow.hint_usage for select to progflow_service using (true);
grant select on progflow.hint_usage to progflow_readonly;

commit;
