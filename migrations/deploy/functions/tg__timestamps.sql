-- Deploy progflow:functions/tg__timestamps to pg
-- requires: schema
-- source: functions/progflow/tg__timestamps.sql sha256:ff102cdb2df7fd8ec2b0efd0bb98ab3ccb1ba3c899988bae009bd3657c9a9ce8

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

revoke all on function progflow.tg__timestamps() from public;

comment on function progflow.tg__timestamps() is
  E'Trigger function (BEFORE UPDATE, row): sets `updated_at` to the transaction time. Used by `users` and `user_stats`.';

commit;
