-- Deploy progflow:types/track_difficulty to pg
-- requires: schema
-- source: sql/progflow/types/track_difficulty.sql sha256:56c6f5f2764e8bf9e92e0829b027f514c07dcec9d05d13bebc749129ecf93a77

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The three learning tracks, in the order a learner meets them.
create type progflow.track_difficulty as enum ('fundamentals', 'concepts', 'systems');

comment on type progflow.track_difficulty is
  E'Difficulty band of a learning track: fundamentals, then concepts, then systems.';

commit;
