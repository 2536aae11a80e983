-- Deploy progflow:types/progress_status to pg
-- requires: schema
-- source: sql/progflow/types/progress_status.sql sha256:6f587e489b852b4bb9f927c7de8aaa12924dd61269257c5dca9baeaf3f287790

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Where a user stands on a challenge or a track.
create type progflow.progress_status as enum ('not_started', 'in_progress', 'completed');

comment on type progflow.progress_status is
  E'Progress of a user on a challenge or a track.';

commit;
