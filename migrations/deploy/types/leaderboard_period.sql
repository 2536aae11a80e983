-- Deploy progflow:types/leaderboard_period to pg
-- requires: schema
-- source: sql/progflow/types/leaderboard_period.sql sha256:2f33e4e63854bcee78b2b0835fae35108630024a108936161bfd3708fb4a592f

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The periods a leaderboard is computed for.
create type progflow.leaderboard_period as enum ('daily', 'weekly', 'monthly', 'all_time');

comment on type progflow.leaderboard_period is
  E'Period of a leaderboard: a day, an ISO week (Monday), a calendar month, or all time.';

commit;
