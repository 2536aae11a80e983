-- The three learning tracks, in the order a learner meets them.
create type progflow.track_difficulty as enum ('fundamentals', 'concepts', 'systems');

comment on type progflow.track_difficulty is
  E'Difficulty band of a learning track: fundamentals, then concepts, then systems.';
