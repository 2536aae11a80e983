-- Deploy progflow:functions/tg__timestamps to pg
-- requires: schema
-- source: functions/progflow/tg__timestamps.sql sha256:f88f886c4dd41c77940b0259820b3a6b420cdf2d382c9a23901518cc9dff0188

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Trigger function: keep updated_at true on every update.
create or replace function progflow.tg__timestamps()
  returns trigger
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
begin
  NEW.updated_at := now();
  return NEW;
end;
$$;

comment on function progflow.tg__timestamps() is
  E'Trigger function (BEFORE UPDATE, row): sets `updated_at` to the transaction time. Used by `users` and `user_stats`.';

commit;
