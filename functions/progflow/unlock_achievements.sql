-- Unlock the achievements whose thresholds a user's counters just crossed (the engine's step).
/*
  Internal: no role may call it. Its callers have checked the caller and hold the user's lock,
  and pass the user's stats row as it was before their changes: an achievement is a candidate
  only when the counter it reads went from below its count to at or above it. A call whose
  changes moved no counter returns after one read of the stats row; otherwise one small query per
  kind of rule that moved (the counters, the first passes by hour) finds the thresholds crossed.
  Small on purpose: a plan that held every kind's subqueries cost more to start than to run. The types that count rows (tracks, fast and unaided completions, daily
  challenges) are evaluated only when the caller names them (it changed what they count). A
  challenge a legacy import brought levels to (imported_at) has no record of its time or hints,
  so it counts as neither fast nor unaided.
  A NULL before-row evaluates every rule: evaluate_achievements, after a catalogue change.

  An unlock's XP moves total_xp and the level again, so passes repeat, each from where the last
  one ended, until one unlocks nothing.
*/
create or replace function progflow.unlock_achievements(
  p_user_id uuid,
  p_before  progflow.user_stats,
  p_counted text[]
)
  returns setof text
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_before progflow.user_stats := p_before;
  v_full boolean := p_before.user_id is null;  -- every rule, as if every counter started from 0
  v_after progflow.user_stats;
  v_counted text[] := case when p_before.user_id is null
                           then array['track_completed', 'fast_completions', 'no_hint_challenges', 'daily_challenges']
                           else coalesce(p_counted, '{}') end;
  v_ids uuid[];        -- the candidates: achievements whose rule holds now
  v_values numeric[];  -- and the value that met it
  v_met record;
  v_unlocked boolean;
begin
  loop
    select * into v_after from progflow.user_stats s where s.user_id = p_user_id;
    v_ids := '{}';
    v_values := '{}';
    -- Each kind of rule is one small query, run only when what it reads moved: a call that moved
    -- nothing returns here, after one read of the stats row.
    if v_full or (v_after.total_levels_completed, v_after.total_challenges_completed, v_after.total_xp,
                  v_after.current_level, v_after.longest_streak_days, v_after.current_streak_days, v_after.perfect_levels)
                 is distinct from
                 (v_before.total_levels_completed, v_before.total_challenges_completed, v_before.total_xp,
                  v_before.current_level, v_before.longest_streak_days, v_before.current_streak_days, v_before.perfect_levels) then
      -- the counters: the achievements whose count lies in (before, after]
      select v_ids || coalesce(array_agg(a.id), '{}'), v_values || coalesce(array_agg(c.after), '{}') into v_ids, v_values
        from (values ('levels_completed', v_before.total_levels_completed, v_after.total_levels_completed),
                     ('challenges_completed', v_before.total_challenges_completed, v_after.total_challenges_completed),
                     ('total_xp', v_before.total_xp, v_after.total_xp),
                     ('player_level', v_before.current_level, v_after.current_level),
                     ('streak_days', greatest(v_before.longest_streak_days, v_before.current_streak_days),
                                     greatest(v_after.longest_streak_days, v_after.current_streak_days)),
                     ('perfect_scores', v_before.perfect_levels, v_after.perfect_levels)) c(type, before, after)
        join progflow.achievements a on a.criteria ->> 'type' = c.type
       where c.after > coalesce(c.before, 0)
         and (a.criteria ->> 'count')::numeric > coalesce(c.before, 0)
         and (a.criteria ->> 'count')::numeric <= c.after;
    end if;
    if v_full or v_after.first_passes_by_hour is distinct from v_before.first_passes_by_hour then
      -- first passes before or from an hour: sums of the counts by hour, per achievement
      select v_ids || coalesce(array_agg(a.id), '{}'), v_values || coalesce(array_agg(c.after), '{}') into v_ids, v_values
        from progflow.achievements a
       cross join lateral (select (a.criteria ->> 'hour')::integer as hour, a.criteria ->> 'type' = 'completed_before_hour' as before_hour) k
       cross join lateral (select
           (select coalesce(sum(n), 0) from unnest(case when k.before_hour then v_before.first_passes_by_hour[:k.hour]
                                                        else v_before.first_passes_by_hour[k.hour + 1:] end) n) as before,
           (select coalesce(sum(n), 0) from unnest(case when k.before_hour then v_after.first_passes_by_hour[:k.hour]
                                                        else v_after.first_passes_by_hour[k.hour + 1:] end) n) as after) c
       where a.criteria ->> 'type' in ('completed_before_hour', 'completed_after_hour')
         and (a.criteria ->> 'count')::numeric > c.before
         and (a.criteria ->> 'count')::numeric <= c.after;
    end if;
    if cardinality(v_counted) > 0 then
      -- the types that count rows, when the caller changed what they count: every one that holds
      select v_ids || coalesce(array_agg(a.id), '{}'), v_values || coalesce(array_agg(c.value), '{}') into v_ids, v_values
        from progflow.achievements a
       cross join lateral (select case a.criteria ->> 'type'
           when 'track_completed' then (
             select count(*) from progflow.user_track_progress t join progflow.learning_tracks lt on lt.id = t.track_id
              where t.user_id = p_user_id and t.status = 'completed'
                and (a.criteria ->> 'track' is null or lt.slug = a.criteria ->> 'track'))
           when 'fast_completions' then (
             select count(*) from progflow.user_challenge_progress p join progflow.challenges ch on ch.id = p.challenge_id
              where p.user_id = p_user_id and p.status = 'completed' and p.imported_at is null
                and p.total_time_spent_minutes < ch.estimated_minutes)
           when 'no_hint_challenges' then (
             select count(*) from progflow.user_challenge_progress p
              where p.user_id = p_user_id and p.status = 'completed' and p.imported_at is null
                and not exists (select from progflow.hint_usage h
                                 where h.user_id = p_user_id and h.challenge_id = p.challenge_id))
           when 'daily_challenges' then (
             select count(*) from progflow.daily_challenge_attempts d where d.user_id = p_user_id)
         end::numeric as value) c
       where a.criteria ->> 'type' = any (v_counted)
         and c.value >= (a.criteria ->> 'count')::numeric;
    end if;
    exit when cardinality(v_ids) = 0;

    -- of the candidates, those active and not unlocked yet
    v_unlocked := false;
    for v_met in
      select a.id, a.slug, a.name, a.description, a.xp_reward, m.value
        from unnest(v_ids, v_values) m(id, value) join progflow.achievements a on a.id = m.id
       where a.is_active
         and not exists (select from progflow.user_achievements ua where ua.user_id = p_user_id and ua.achievement_id = a.id)
       order by a.slug
    loop
      insert into progflow.user_achievements (user_id, achievement_id, metadata)
      values (p_user_id, v_met.id, jsonb_build_object('value', v_met.value));
      if v_met.xp_reward > 0 then
        perform progflow.add_xp(p_user_id, v_met.xp_reward, 'achievement', v_met.id::text, 'Achievement: ' || v_met.name);
      end if;
      insert into progflow.notifications (user_id, type, title, message, action_url)
      values (p_user_id, 'achievement', 'Achievement unlocked: ' || v_met.name,
              coalesce(v_met.description, v_met.name)
                || case when v_met.xp_reward > 0 then format(' (+%s XP)', v_met.xp_reward) else '' end,
              '/achievements');
      v_unlocked := true;
      return next v_met.slug;
    end loop;
    exit when not v_unlocked;
    -- the next pass: what this pass's XP crossed
    v_before := v_after;
    v_full := false;
    v_counted := '{}';
  end loop;
end;
$$;

revoke all on function progflow.unlock_achievements(uuid, progflow.user_stats, text[]) from public;

comment on function progflow.unlock_achievements(uuid, progflow.user_stats, text[]) is
  E'Internal (no role may call it): unlocks, for one user whose lock the caller holds, every active achievement whose counter went from below its count to at or above it between `p_before` (the stats row as the caller locked it) and now, and every achievement of the row-counting types named in `p_counted` (`track_completed`, `fast_completions`, `no_hint_challenges`, `daily_challenges`) that holds now (challenges with imported progress count as neither fast nor unaided: their time and hints are unknown); a NULL `p_before` evaluates every rule. Each unlock writes `user_achievements`, its XP (`add_xp`) and a notification; passes repeat while an unlock''s XP crosses another threshold. `evaluate_achievements` is the public way in.\n\nReturns the slugs unlocked.\n\nErrors: `22023` an achievement''s XP would take the total past 2147483647.';
