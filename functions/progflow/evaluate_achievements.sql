-- Unlock every achievement whose criteria the user now meets; each writes its XP and a notification, once.
/*
  Every rule, against the user's state now: the engine's calls unlock achievements as their
  counters cross thresholds (unlock_achievements), so this is the call for what no counter
  crossing announces, such as an achievement added to the catalogue that users already meet.
*/
create or replace function progflow.evaluate_achievements(p_user_id uuid)
  returns setof text
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
begin
  perform progflow.authorize(p_user_id);
  perform progflow.lock_user(p_user_id);
  return query select * from progflow.unlock_achievements(p_user_id, null, null);
end;
$$;
revoke all on function progflow.evaluate_achievements(uuid) from public;
grant execute on function progflow.evaluate_achievements(uuid) to progflow_app;

comment on function progflow.evaluate_achievements(uuid) is
  E'Unlocks, for one user, every active achievement whose criteria hold now (types: levels_completed, challenges_completed, perfect_scores, streak_days, total_xp, player_level, track_completed, fast_completions, no_hint_challenges, daily_challenges, completed_before_hour, completed_after_hour: first passes by local hour when passed, from `user_stats.first_passes_by_hour`). Each unlock writes `user_achievements`, its XP as an `achievement` ledger row and an `achievement` notification, once.\n\nReturns the slugs unlocked by this call.\n\nErrors: `22023` NULL user; `P0002` unknown user; `42501` the caller may not act for the user.\n\nExample: `select * from progflow.evaluate_achievements(''…user id…'');`';
