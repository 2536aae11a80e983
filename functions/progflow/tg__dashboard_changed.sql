-- Trigger: a write to a table the dashboard counts from gives the user's dashboard a new version.
/*
  user_dashboard.version is built from the users and user_stats rows (their xmin and updated_at),
  so it changes with every write of either. The dashboard also counts from four tables of its
  own (notifications, achievements, skills, track progress): a write there touches the user's
  user_stats row, so the version moves with them too. Once per transaction: a stats row this
  transaction already wrote carries its xid and is left alone, so a submission that updates the
  stats anyway pays an index probe, not a second row version. The stats row is locked by
  lock_user before any of these writes on every engine path: no new lock, no new lock order.
  SECURITY DEFINER: deleting a user (which the app may do for its acting user) cascades into
  these tables, and the triggers of a cascade fire as the role that deleted, which may not write
  user_stats.
*/
create or replace function progflow.tg__dashboard_changed()
  returns trigger
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
begin
  update progflow.user_stats s
     set updated_at = now()
   where s.user_id in (NEW.user_id, OLD.user_id)
     and s.xmin <> pg_current_xact_id()::xid;
  return null;
end;
$$;

create or replace trigger _700_dashboard_changed
  after insert or update or delete on progflow.notifications
  for each row execute function progflow.tg__dashboard_changed();

create or replace trigger _700_dashboard_changed
  after insert or update or delete on progflow.user_achievements
  for each row execute function progflow.tg__dashboard_changed();

create or replace trigger _700_dashboard_changed
  after insert or update or delete on progflow.user_skills
  for each row execute function progflow.tg__dashboard_changed();

create or replace trigger _700_dashboard_changed
  after insert or update or delete on progflow.user_track_progress
  for each row execute function progflow.tg__dashboard_changed();

revoke all on function progflow.tg__dashboard_changed() from public;

comment on function progflow.tg__dashboard_changed() is
  E'Trigger function (AFTER INSERT, UPDATE or DELETE, row) on `notifications`, `user_achievements`, `user_skills` and `user_track_progress`: touches the user''s `user_stats` row once per transaction, so `user_dashboard.version` changes with every write the dashboard counts.';
