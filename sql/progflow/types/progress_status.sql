-- Where a user stands on a challenge or a track.
create type progflow.progress_status as enum ('not_started', 'in_progress', 'completed');

comment on type progflow.progress_status is
  E'Progress of a user on a challenge or a track.';
