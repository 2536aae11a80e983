-- Unlock every challenge whose prerequisites and unlock rules the user now meets.
create or replace function progflow.check_and_unlock_challenges(p_user_id uuid)
  returns setof uuid
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
begin
  perform progflow.authorize(p_user_id);
  perform progflow.lock_user(p_user_id);
  return query select * from progflow.unlock_challenges(p_user_id);
end;
$$;

revoke all on function progflow.check_and_unlock_challenges(uuid) from public;
grant execute on function progflow.check_and_unlock_challenges(uuid) to progflow_app;

comment on function progflow.check_and_unlock_challenges(uuid) is
  E'Unlocks, for one user, every active challenge whose prerequisites are all completed and whose unlock rules hold (`metadata.unlock.min_level` against the player level, `metadata.unlock.track_progress` as {track slug: percent}). Each unlock sets `unlock_date` and sends a `challenge_unlock` notification, once.\n\nReturns the ids unlocked by this call (none when nothing new).\n\nErrors: `22023` NULL user; `P0002` unknown user; `42501` the caller may not act for the user.\n\nExample: `select * from progflow.check_and_unlock_challenges(''…user id…'');`';
