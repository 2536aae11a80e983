-- Deploy progflow:tables/challenges to pg
-- requires: tables/learning_tracks
-- requires: types/skill_level
-- requires: functions/tg__prerequisites_valid
-- requires: functions/current_user_id
-- source: sql/progflow/tables/challenges.sql sha256:d9ce7c74dea982192632ec854105990c519f0b2986a8e9d7bd4e4d325aec0f87

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Challenges: the 61 system-design problems.
create table progflow.challenges (
  id                uuid                 not null default gen_random_uuid(),
  slug              varchar(100)         not null,
  title             varchar(200)         not null,
  description       text,
  category          varchar(100),
  track_id          uuid,
  order_in_track    integer,
  difficulty_base   progflow.skill_level not null,
  xp_base           integer              not null default 100,
  estimated_minutes integer              not null default 30,
  prerequisites     jsonb                not null default '[]',
  ddia_concepts     jsonb                not null default '[]',
  tags              jsonb                not null default '[]',
  metadata          jsonb                not null default '{}',
  is_active         boolean              not null default true,
  created_at        timestamptz          not null default now(),
  constraint challenges_pkey primary key (id),
  constraint challenges_slug_key unique (slug),
  constraint challenges_track_id_fkey foreign key (track_id)
    references progflow.learning_tracks (id) on delete restrict,
  constraint challenges_slug_check check (slug ~ '^[a-z0-9]+([_-][a-z0-9]+)*$'),
  constraint challenges_order_in_track_check check (order_in_track >= 1),
  constraint challenges_xp_base_check check (xp_base > 0),
  constraint challenges_estimated_minutes_check check (estimated_minutes > 0),
  constraint challenges_prerequisites_check check (jsonb_typeof(prerequisites) = 'array'),
  constraint challenges_ddia_concepts_check check (jsonb_typeof(ddia_concepts) = 'array'),
  constraint challenges_tags_check check (jsonb_typeof(tags) = 'array'),
  constraint challenges_metadata_check check (jsonb_typeof(metadata) = 'object')
);

create index challenges_track_id_order_in_track_idx on progflow.challenges (track_id, order_in_track);
create index challenges_category_idx on progflow.challenges (category);
create index challenges_prerequisites_idx on progflow.challenges using gin (prerequisites);
create index challenges_tags_idx on progflow.challenges using gin (tags);
create index challenges_ddia_concepts_idx on progflow.challenges using gin (ddia_concepts);

create constraint trigger _200_prerequisites_valid
  after insert or update of prerequisites or delete on progflow.challenges
  deferrable initially deferred
  for each row execute function progflow.tg__prerequisites_valid();

comment on table progflow.challenges is E'A system-design challenge of the course, with five levels (catalogue, written by the seed).';
comment on column progflow.challenges.id is E'Primary key; stable across seeding.';
comment on column progflow.challenges.slug is E'Stable key of the challenge, such as `url-shortener`.';
comment on column progflow.challenges.title is E'Title shown to learners.';
comment on column progflow.challenges.description is E'The problem, in a few sentences.';
comment on column progflow.challenges.category is E'Topic of the challenge, such as `caching`, `messaging` or `storage`.';
comment on column progflow.challenges.track_id is E'The track the challenge belongs to.';
comment on column progflow.challenges.order_in_track is E'Position of the challenge in its track, from 1.';
comment on column progflow.challenges.difficulty_base is E'Base difficulty of the challenge.';
comment on column progflow.challenges.xp_base is E'Base XP: 100 beginner, 150 intermediate, 200 advanced; level rewards are multiples of it.';
comment on column progflow.challenges.estimated_minutes is E'Estimated minutes to complete all five levels.';
comment on column progflow.challenges.prerequisites is E'JSON array of challenge ids to complete first (validated: ids exist, no self-reference, no cycle).';
comment on column progflow.challenges.ddia_concepts is E'JSON array of the DDIA chapters and concepts the challenge exercises.';
comment on column progflow.challenges.tags is E'JSON array of tags.';
comment on column progflow.challenges.metadata is E'JSON object of extra attributes; `unlock` holds optional unlock rules (`min_level`, `track_progress`).';
comment on column progflow.challenges.is_active is E'False when the challenge was removed from the catalogue (rows are never deleted).';
comment on column progflow.challenges.created_at is E'When the row was created.';

-- Access: the catalogue is readable by all roles and written by the owner only.
alter table progflow.challenges enable row level security;
alter table progflow.challenges force row level security;
create policy owner_all on progflow.challenges to current_user using (true) with check (true);
create policy public_read on progflow.challenges for select to progflow_readonly using (true);
grant select on progflow.challenges to progflow_readonly;

commit;
