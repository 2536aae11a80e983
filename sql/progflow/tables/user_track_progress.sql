-- Progress of a user on a learning track.
create table progflow.user_track_progress (
  id                  uuid                     not null default gen_random_uuid(),
  user_id             uuid                     not null,
  track_id            uuid                     not null,
  status              progflow.progress_status not null default 'not_started',
  progress_percentage numeric(5,2)             not null default 0.00,
  challenges_completed integer                 not null default 0,
  total_challenges    integer                  not null,
  unlock_date         timestamptz,
  start_date          timestamptz,
  completion_date     timestamptz,
  constraint user_track_progress_pkey primary key (id),
  constraint user_track_progress_user_id_track_id_key unique (user_id, track_id),
  constraint user_track_progress_user_id_fkey foreign key (user_id)
    references progflow.users (id) on delete cascade,
  constraint user_track_progress_track_id_fkey foreign key (track_id)
    references progflow.learning_tracks (id) on delete restrict,
  constraint user_track_progress_progress_percentage_check check (progress_percentage between 0 and 100),
  constraint user_track_progress_challenges_check check (
    total_challenges >= 0 and challenges_completed between 0 and total_challenges)
);

create index user_track_progress_track_id_idx on progflow.user_track_progress (track_id);

comment on table progflow.user_track_progress is E'Where a user stands on one track; written by the engine.';
comment on column progflow.user_track_progress.id is E'Primary key.';
comment on column progflow.user_track_progress.user_id is E'The user.';
comment on column progflow.user_track_progress.track_id is E'The track.';
comment on column progflow.user_track_progress.status is E'not_started, in_progress or completed (every challenge of the track completed).';
comment on column progflow.user_track_progress.progress_percentage is E'Completed challenges over the track''s challenges, times 100; 0 to 100.';
comment on column progflow.user_track_progress.challenges_completed is E'Challenges of the track the user completed.';
comment on column progflow.user_track_progress.total_challenges is E'Active challenges in the track.';
comment on column progflow.user_track_progress.unlock_date is E'When the track opened for the user.';
comment on column progflow.user_track_progress.start_date is E'When the user started the track.';
comment on column progflow.user_track_progress.completion_date is E'When the user completed the track.';

-- Access: each user reads their own rows, trusted jobs read all; only the engine writes.
alter table progflow.user_track_progress enable row level security;
alter table progflow.user_track_progress force row level security;
create policy owner_all on progflow.user_track_progress to current_user using (true) with check (true);
create policy self_read on progflow.user_track_progress for select to progflow_readonly
  using (user_id = (select progflow.current_user_id()));
create policy service_read on progflow.user_track_progress for select to progflow_service using (true);
grant select on progflow.user_track_progress to progflow_readonly;
