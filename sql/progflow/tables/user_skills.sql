-- Skill levels a user allocated points to.
create table progflow.user_skills (
  id               uuid        not null default gen_random_uuid(),
  user_id          uuid        not null,
  skill_id         uuid        not null,
  current_level    integer     not null default 0,
  points_allocated integer     not null default 0,
  unlocked_at      timestamptz,
  mastered_at      timestamptz,
  constraint user_skills_pkey primary key (id),
  constraint user_skills_user_id_skill_id_key unique (user_id, skill_id),
  constraint user_skills_user_id_fkey foreign key (user_id)
    references progflow.users (id) on delete cascade,
  constraint user_skills_skill_id_fkey foreign key (skill_id)
    references progflow.skills (id) on delete restrict,
  constraint user_skills_current_level_check check (current_level >= 0),
  constraint user_skills_points_allocated_check check (points_allocated >= 0)
);

create index user_skills_skill_id_idx on progflow.user_skills (skill_id);

comment on table progflow.user_skills is E'The level a user reached in a skill; written by the engine.';
comment on column progflow.user_skills.id is E'Primary key.';
comment on column progflow.user_skills.user_id is E'The user.';
comment on column progflow.user_skills.skill_id is E'The skill.';
comment on column progflow.user_skills.current_level is E'Level reached, 0 to the skill''s max_level.';
comment on column progflow.user_skills.points_allocated is E'Skill points spent on this skill.';
comment on column progflow.user_skills.unlocked_at is E'When the first point was allocated.';
comment on column progflow.user_skills.mastered_at is E'When the skill reached its max_level.';

-- Access: each user reads their own rows, trusted jobs read all; only the engine writes.
alter table progflow.user_skills enable row level security;
alter table progflow.user_skills force row level security;
create policy owner_all on progflow.user_skills to current_user using (true) with check (true);
create policy self_read on progflow.user_skills for select to progflow_readonly
  using (user_id = (select progflow.current_user_id()));
create policy service_read on progflow.user_skills for select to progflow_service using (true);
grant select on progflow.user_skills to progflow_readonly;
