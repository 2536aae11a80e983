-- Deploy progflow:tables/learning_tracks to pg
-- requires: types/track_difficulty
-- requires: functions/tg__prerequisites_valid
-- requires: functions/current_user_id
-- source: sql/progflow/tables/learning_tracks.sql sha256:1a0d926f6ebcd0cc7ed2af75d1d8a5d29facd96976118115890832daa41c28a1

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Learning tracks: fundamentals, concepts, systems.
create table progflow.learning_tracks (
  id               uuid                      not null default gen_random_uuid(),
  slug             varchar(100)              not null,
  title            varchar(200)              not null,
  description      text,
  difficulty_level progflow.track_difficulty not null,
  estimated_hours  integer,
  prerequisites    jsonb                     not null default '[]',
  order_index      integer                   not null,
  is_active        boolean                   not null default true,
  metadata         jsonb                     not null default '{}',
  created_at       timestamptz               not null default now(),
  constraint learning_tracks_pkey primary key (id),
  constraint learning_tracks_slug_key unique (slug),
  constraint learning_tracks_slug_check check (slug ~ '^[a-z0-9]+([_-][a-z0-9]+)*$'),
  constraint learning_tracks_estimated_hours_check check (estimated_hours > 0),
  constraint learning_tracks_order_index_check check (order_index >= 1),
  constraint learning_tracks_prerequisites_check check (jsonb_typeof(prerequisites) = 'array'),
  constraint learning_tracks_metadata_check check (jsonb_typeof(metadata) = 'object')
);

create index learning_tracks_difficulty_level_idx on progflow.learning_tracks (difficulty_level);
create index learning_tracks_order_index_idx on progflow.learning_tracks (order_index);

create constraint trigger _200_prerequisites_valid
  after insert or update of prerequisites or delete on progflow.learning_tracks
  deferrable initially deferred
  for each row execute function progflow.tg__prerequisites_valid();

comment on table progflow.learning_tracks is E'A track of the course (catalogue, written by the seed).';
comment on column progflow.learning_tracks.id is E'Primary key; stable across seeding.';
comment on column progflow.learning_tracks.slug is E'Stable key of the track (`fundamentals`, `concepts`, `systems`).';
comment on column progflow.learning_tracks.title is E'Title shown to learners.';
comment on column progflow.learning_tracks.description is E'What the track teaches.';
comment on column progflow.learning_tracks.difficulty_level is E'Difficulty band of the track.';
comment on column progflow.learning_tracks.estimated_hours is E'Estimated hours to complete the track.';
comment on column progflow.learning_tracks.prerequisites is E'JSON array of track ids that should come first (validated: ids exist, no self-reference, no cycle).';
comment on column progflow.learning_tracks.order_index is E'Position of the track in the course, from 1.';
comment on column progflow.learning_tracks.is_active is E'False when the track was removed from the catalogue (rows are never deleted).';
comment on column progflow.learning_tracks.metadata is E'JSON object of extra attributes (icon, colour).';
comment on column progflow.learning_tracks.created_at is E'When the row was created.';

-- Access: the catalogue is readable by all roles and written by the owner only.
alter table progflow.learning_tracks enable row level security;
alter table progflow.learning_tracks force row level security;
create policy owner_all on progflow.learning_tracks to current_user using (true) with check (true);
create policy public_read on progflow.learning_tracks for select to progflow_readonly using (true);
grant select on progflow.learning_tracks to progflow_readonly;

commit;
