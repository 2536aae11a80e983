-- Deploy progflow:types/achievement_rarity to pg
-- requires: schema
-- source: sql/progflow/types/achievement_rarity.sql sha256:ae52f463ccbf05b4a805cea9d7eec667b0223881d0aa1756a9da0d5a31157f74

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- How rare an achievement is, from most to least common.
create type progflow.achievement_rarity as enum ('common', 'rare', 'epic', 'legendary');

comment on type progflow.achievement_rarity is
  E'Rarity of an achievement, from most common to rarest.';

commit;
