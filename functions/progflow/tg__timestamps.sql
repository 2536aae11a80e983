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
