-- Deploy progflow:leaderboard_entries-expires_at to pg
-- requires: tables/leaderboard_entries
-- source: sql/progflow/tables/leaderboard_entries.sql sha256:566e56341c9e50fbf9f89623b33302967cf6bd82bfa4e9a271124268b1cc135d

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Drafted by `progflow diff --draft` from the difference between the migrations and the sources.
-- Review it before committing: it was tried on empty scratch databases, not on your data.

alter table progflow.leaderboard_entries add column expires_at timestamp with time zone;

comment on column progflow.leaderboard_entries.expires_at is 'When the entry stops being true without a refresh: on the streak board, the start of the local day on which the user''s streak breaks; NULL for entries that stay true until the next refresh. leaderboard_page hides expired entries.';

commit;
