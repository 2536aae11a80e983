-- Unlock every achievement whose criteria the user now meets; each writes its XP and a notification, once.
/*
  Passes repeat until one unlocks nothing: an achievement's XP can raise the total or the player
  level enough to meet another achievement's criteria.
*/
create or replace function progflow.evaluate_achievements(p_user_id uuid)
  returns setof text
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_stats progflow.user_stats;
  v_tz text;
  v_achievement progflow.achievements;
  v_count numeric;
  v_value numeric;
  v_unlocked_any boolean := true;
begin
  perform progflow.authorize(p_user_id);
  perform progflow.lock_user(p_user_id);
  select coalesce(u.preferences ->> 'timezone', 'UTC') into v_tz from progflow.users u where u.id = p_user_id;

  while v_unlocked_any loop
    v_unlocked_any := false;
    select * into v_stats from progflow.user_stats s where s.user_id = p_user_id;
    for v_achievement in
      select a.* from progflow.achievements a
       where a.is_active
         and not exists (select from progflow.user_achievements ua
                          where ua.user_id = p_user_id and ua.achievement_id = a.id)
       order by a.slug
    loop
      v_count := (v_achievement.criteria ->> 'count')::numeric;
      v_value := case v_achievement.criteria ->> 'type'
        when 'levels_completed' then v_stats.total_levels_completed
        when 'challenges_completed' then v_stats.total_challenges_completed
        when 'total_xp' then v_stats.total_xp
        when 'player_level' then v_stats.current_level
        when 'streak_days' then greatest(v_stats.longest_streak_days, v_stats.current_streak_days)
        when 'perfect_scores' then (
          select count(*) from (select distinct a.challenge_id, a.level_number from progflow.level_attempts a
                                 where a.user_id = p_user_id and a.passed and a.score = 100) perfect)
        when 'track_completed' then (
          select count(*) from progflow.user_track_progress t join progflow.learning_tracks lt on lt.id = t.track_id
           where t.user_id = p_user_id and t.status = 'completed'
             and (v_achievement.criteria ->> 'track' is null or lt.slug = v_achievement.criteria ->> 'track'))
        when 'fast_completions' then (
          select count(*) from progflow.user_challenge_progress p join progflow.challenges c on c.id = p.challenge_id
           where p.user_id = p_user_id and p.status = 'completed'
             and p.total_time_spent_minutes < c.estimated_minutes)
        when 'no_hint_challenges' then (
          select count(*) from progflow.user_challenge_progress p
           where p.user_id = p_user_id and p.status = 'completed'
             and not exists (select from progflow.hint_usage h
                              where h.user_id = p_user_id and h.challenge_id = p.challenge_id))
        when 'daily_challenges' then (
          select count(*) from progflow.daily_challenge_attempts d where d.user_id = p_user_id)
        when 'completed_before_hour' then (
          select count(*) from progflow.level_attempts a
           where a.user_id = p_user_id and a.passed and a.xp_earned > 0
             and extract(hour from a.created_at at time zone v_tz) < (v_achievement.criteria ->> 'hour')::numeric)
        when 'completed_after_hour' then (
          select count(*) from progflow.level_attempts a
           where a.user_id = p_user_id and a.passed and a.xp_earned > 0
             and extract(hour from a.created_at at time zone v_tz) >= (v_achievement.criteria ->> 'hour')::numeric)
      end;
      continue when coalesce(v_value, 0) < v_count;

      insert into progflow.user_achievements (user_id, achievement_id, metadata)
      values (p_user_id, v_achievement.id, jsonb_build_object('value', v_value));
      if v_achievement.xp_reward > 0 then
        perform progflow.award_xp(p_user_id, v_achievement.xp_reward, 'achievement', v_achievement.id::text,
                                  'Achievement: ' || v_achievement.name);
      end if;
      insert into progflow.notifications (user_id, type, title, message, action_url)
      values (p_user_id, 'achievement', 'Achievement unlocked: ' || v_achievement.name,
              coalesce(v_achievement.description, v_achievement.name)
                || case when v_achievement.xp_reward > 0 then format(' (+%s XP)', v_achievement.xp_reward) else '' end,
              '/achievements');
      v_unlocked_any := true;
      return next v_achievement.slug;
    end loop;
  end loop;
end;
$$;

revoke all on function progflow.evaluate_achievements(uuid) from public;
grant execute on function progflow.evaluate_achievements(uuid) to progflow_app;

comment on function progflow.evaluate_achievements(uuid) is
  E'Unlocks, for one user, every active achievement whose criteria hold now (types: levels_completed, challenges_completed, perfect_scores, streak_days, total_xp, player_level, track_completed, fast_completions, no_hint_challenges, daily_challenges, completed_before_hour, completed_after_hour; hours in the user''s time zone). Each unlock writes `user_achievements`, its XP as an `achievement` ledger row and an `achievement` notification, once.\n\nReturns the slugs unlocked by this call.\n\nErrors: `22023` NULL user; `P0002` unknown user; `42501` the caller may not act for the user.\n\nExample: `select * from progflow.evaluate_achievements(''…user id…'');`';
