-- Deploy progflow:types/skill_level to pg
-- requires: schema
-- source: sql/progflow/types/skill_level.sql sha256:79ded1bf8e0ddc48a8f2eb067e882720515ae68d811158ef65eae83ae5606e92

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- A learner's skill level, and a challenge's base difficulty: the same three steps.
create type progflow.skill_level as enum ('beginner', 'intermediate', 'advanced');

comment on type progflow.skill_level is
  E'Skill level of a user and base difficulty of a challenge, from easiest to hardest.';

commit;
