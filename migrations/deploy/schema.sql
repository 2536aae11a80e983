-- Deploy progflow:schema to pg
-- source: sql/progflow/schema.sql sha256:daa8f4ce27a16ea1a6e4c56e2597a297905b4260563ab603ca5b5b594fe6c40c

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The progflow schema: every object of the course database lives here.
create schema progflow;

comment on schema progflow is
  E'Progressive Flow: the gamified system-design course (challenges, levels, XP, streaks, achievements, skills, leaderboards).';

commit;
