-- Unlock every achievement whose criteria the user now meets; each writes its XP and a notification, once.
/*
  One query per pass finds the achievements met: most criteria read the user's counters in
  user_stats (perfect levels and first passes by hour among them, kept by submit_level_attempt),
  none reads the attempt history, and the few that count rows (tracks, fast and unaided
  completions, daily challenges) run only for achievements of their type still locked. Passes
  repeat until one unlocks nothing: an achievement's XP can raise the total or the player level
  enough to meet another achievement's criteria.
*/
create or replace function progflow.evaluate_achievements(p_user_id uuid)
  returns setof text
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_met record;
  v_unlocked_any boolean := true;
begin
  perform progflow.authorize(p_user_id);
  perform progflow.lock_user(p_user_id);

  while v_unlocked_any loop
    v_unlocked_any := false;
    for v_met in
      select a.id, a.slug, a.name, a.description, a.xp_reward, m.value
        from progflow.user_stats s
       cross join progflow.achievements a
       cross join lateral (select case a.criteria ->> 'type'
         when 'levels_completed' then s.total_levels_completed
         when 'challenges_completed' then s.total_challenges_completed
         when 'total_xp' then s.total_xp
         when 'player_level' then s.current_level
         when 'streak_days' then greatest(s.longest_streak_days, s.current_streak_days)
         when 'perfect_scores' then s.perfect_levels
         when 'completed_before_hour' then (
           select sum(n) from unnest(s.first_passes_by_hour[:(a.criteria ->> 'hour')::integer]) n)
         when 'completed_after_hour' then (
           select sum(n) from unnest(s.first_passes_by_hour[(a.criteria ->> 'hour')::integer + 1:]) n)
         when 'track_completed' then (
           select count(*) from progflow.user_track_progress t join progflow.learning_tracks lt on lt.id = t.track_id
            where t.user_id = s.user_id and t.status = 'completed'
              and (a.criteria ->> 'track' is null or lt.slug = a.criteria ->> 'track'))
         when 'fast_completions' then (
           select count(*) from progflow.user_challenge_progress p join progflow.challenges c on c.id = p.challenge_id
            where p.user_id = s.user_id and p.status = 'completed'
              and p.total_time_spent_minutes < c.estimated_minutes)
         when 'no_hint_challenges' then (
           select count(*) from progflow.user_challenge_progress p
            where p.user_id = s.user_id and p.status = 'completed'
              and not exists (select from progflow.hint_usage h
                               where h.user_id = s.user_id and h.challenge_id = p.challenge_id))
         when 'daily_challenges' then (
           select count(*) from progflow.daily_challenge_attempts d where d.user_id = s.user_id)
       end::numeric as value) m
       where s.user_id = p_user_id
         and a.is_active
         and not exists (select from progflow.user_achievements ua
                          where ua.user_id = p_user_id and ua.achievement_id = a.id)
         and m.value >= (a.criteria ->> 'count')::numeric
       order by a.slug
    loop
      insert into progflow.user_achievements (user_id, achievement_id, metadata)
      values (p_user_id, v_met.id, jsonb_build_object('value', v_met.value));
      if v_met.xp_reward > 0 then
        perform progflow.award_xp(p_user_id, v_met.xp_reward, 'achievement', v_met.id::text,
                                  'Achievement: ' || v_met.name);
      end if;
      insert into progflow.notifications (user_id, type, title, message, action_url)
      values (p_user_id, 'achievement', 'Achievement unlocked: ' || v_met.name,
              coalesce(v_met.description, v_met.name)
                || case when v_met.xp_reward > 0 then format(' (+%s XP)', v_met.xp_reward) else '' end,
              '/achievements');
      v_unlocked_any := true;
      return next v_met.slug;
    end loop;
  end loop;
end;
$$;

revoke all on function progflow.evaluate_achievements(uuid) from public;
grant execute on function progflow.evaluate_achievements(uuid) to progflow_app;

comment on function progflow.evaluate_achievements(uuid) is
  E'Unlocks, for one user, every active achievement whose criteria hold now (types: levels_completed, challenges_completed, perfect_scores, streak_days, total_xp, player_level, track_completed, fast_completions, no_hint_challenges, daily_challenges, completed_before_hour, completed_after_hour: first passes by local hour when passed, from `user_stats.first_passes_by_hour`). Each unlock writes `user_achievements`, its XP as an `achievement` ledger row and an `achievement` notification, once.\n\nReturns the slugs unlocked by this call.\n\nErrors: `22023` NULL user; `P0002` unknown user; `42501` the caller may not act for the user.\n\nExample: `select * from progflow.evaluate_achievements(''…user id…'');`';
