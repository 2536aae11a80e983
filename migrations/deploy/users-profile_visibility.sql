-- Deploy progflow:users-profile_visibility to pg
-- requires: tables/users
-- source: sql/progflow/tables/users.sql sha256:ecdd01c0c1c3e716ce4fc049f3b2ede4ce17061cf443a011327cc4962360a3bb

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Drafted by `progflow diff --draft` from the difference between the migrations and the sources.
-- Review it before committing: it was tried on empty scratch databases, not on your data.

comment on column progflow.users.preferences is 'JSON object of preferences; `timezone` (an IANA name, UTC when absent) decides the user''s calendar days; `profile_visibility` is `public` (the default when absent: other learners see the public profile, public_profile) or `private`.';

alter table progflow.users add constraint users_profile_visibility_check check (coalesce(((preferences ->> 'profile_visibility'::text) = any(array['public'::text, 'private'::text])), true)) not valid;

alter table progflow.users validate constraint "users_profile_visibility_check";

commit;
