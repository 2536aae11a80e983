-- Skills: the skill tree.
create table progflow.skills (
  id              uuid         not null default gen_random_uuid(),
  slug            varchar(100) not null,
  name            varchar(200) not null,
  description     text,
  category        varchar(50),
  parent_skill_id uuid,
  prerequisites   jsonb        not null default '[]',
  max_level       integer      not null default 5,
  xp_per_level    integer      not null default 100,
  is_active       boolean      not null default true,
  constraint skills_pkey primary key (id),
  constraint skills_slug_key unique (slug),
  constraint skills_parent_skill_id_fkey foreign key (parent_skill_id)
    references progflow.skills (id) on delete set null,
  constraint skills_slug_check check (slug ~ '^[a-z0-9]+([_-][a-z0-9]+)*$'),
  constraint skills_parent_skill_id_check check (parent_skill_id <> id),
  constraint skills_max_level_check check (max_level >= 1),
  constraint skills_xp_per_level_check check (xp_per_level >= 0),
  constraint skills_prerequisites_check check (jsonb_typeof(prerequisites) = 'array')
);

create index skills_parent_skill_id_idx on progflow.skills (parent_skill_id);

create constraint trigger _200_prerequisites_valid
  after insert or update of prerequisites or delete on progflow.skills
  deferrable initially deferred
  for each row execute function progflow.tg__prerequisites_valid();

comment on table progflow.skills is E'A skill of the skill tree (catalogue, written by the seed).';
comment on column progflow.skills.id is E'Primary key; stable across seeding.';
comment on column progflow.skills.slug is E'Stable key of the skill.';
comment on column progflow.skills.name is E'Name shown to learners.';
comment on column progflow.skills.description is E'What the skill improves.';
comment on column progflow.skills.category is E'Branch of the tree it belongs to.';
comment on column progflow.skills.parent_skill_id is E'Parent in the tree; NULL for a root.';
comment on column progflow.skills.prerequisites is E'JSON array of skill ids that need level 1 or more first (validated: ids exist, no self-reference, no cycle).';
comment on column progflow.skills.max_level is E'Highest level the skill can reach.';
comment on column progflow.skills.xp_per_level is E'XP value of each level of the skill.';
comment on column progflow.skills.is_active is E'False when removed from the catalogue (rows are never deleted); points cannot be added to it.';

-- Access: the catalogue is readable by all roles and written by the owner only.
alter table progflow.skills enable row level security;
alter table progflow.skills force row level security;
create policy owner_all on progflow.skills to current_user using (true) with check (true);
create policy public_read on progflow.skills for select to progflow_readonly using (true);
grant select on progflow.skills to progflow_readonly;
