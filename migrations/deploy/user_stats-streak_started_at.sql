-- Deploy progflow:user_stats-streak_started_at to pg
-- requires: tables/user_stats
-- source: sql/progflow/tables/user_stats.sql sha256:d1ac8c04ce8019b9f71e37d43abf2427b1015c63babeaba4096e5e8f216f86b6

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Drafted by `progflow diff --draft` from the difference between the migrations and the sources.
-- Review it before committing: it was tried on empty scratch databases, not on your data.

alter table progflow.user_stats add column streak_started_at timestamp with time zone;

comment on column progflow.user_stats.streak_started_at is 'When the current streak''s first attempt was made: a streak of n days needs n − 2 whole days (24 h) of real time since then (docs/rules.md, Streaks), whatever time zones the user moved through. NULL for a streak counted before this column existed (the start of its first day stands in) or for no streak.';

commit;
