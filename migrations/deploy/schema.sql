-- Deploy progflow:schema to pg
-- requires: roles
-- source: sql/progflow/schema.sql sha256:6c63982f22d06887cf08097e1b87338a454ea3d1f6ca16066668ce4cd7cd7bc5

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The progflow schema: every object of the course database lives here.
create schema progflow;

comment on schema progflow is
  E'Progressive Flow: the gamified system-design course (challenges, levels, XP, streaks, achievements, skills, leaderboards).';

-- Every progflow role may use the schema; what it may do inside is granted object by object.
grant usage on schema progflow to progflow_readonly;

commit;
