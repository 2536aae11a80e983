-- The whole journey of one attempt at a level, in one atomic call.
/*
  Order of work, under the user's lock (lock_user): replay check, rate limit, level open, the attempt row,
  the streak counting today (streak_after, from user_stats), the XP of a first pass (docs/rules.md),
  progress, counters, track progress, notifications, the XP ledger row (add_xp), unlocks, the
  achievements whose thresholds the counters crossed (unlock_achievements, against the stats row
  as locked), and the stored result for the idempotency key. One caller check, at the start: the
  steps are the engine's internal functions. Any error rolls all of it back.

  The score is rounded to two decimals once, first, and that value is the one stored, compared
  with the pass mark, priced and hashed: 99.995 is 100.00 everywhere. The idempotency hash is
  over normalised values (the rounded score; JSON through jsonb's own hash, in which 90.0 and 90
  are one number), so a replay that writes a number differently is still the same request.
*/
create or replace function progflow.submit_level_attempt(
  p_user_id            uuid,
  p_challenge_id       uuid,
  p_level_number       integer,
  p_design_snapshot    jsonb,
  p_test_results       jsonb,
  p_score              numeric,
  p_time_spent_minutes integer default null,
  p_idempotency_key    text default null
)
  returns table (
    attempt_id            uuid,
    attempt_number        integer,
    passed                boolean,
    xp_earned             integer,
    level_completed       boolean,
    challenge_completed   boolean,
    newly_unlocked        uuid[],
    achievements_unlocked text[]
  )
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_stats progflow.user_stats;
  v_score numeric(5,2);
  v_hash text;
  v_seen progflow.attempt_requests;
  v_level progflow.challenge_levels;
  v_progress progflow.user_challenge_progress;
  v_title text;
  v_track uuid;
  v_now timestamptz := now();
  v_tz text;
  v_hour integer;
  v_unlocked_before uuid[];
  v_attempt_id uuid;
  v_attempt_number integer;
  v_failed_before integer;
  v_perfect_before boolean;
  v_hints integer;
  v_passed boolean;
  v_first_pass boolean;
  v_streak record;
  v_xp integer := 0;
  v_completed integer[];
  v_challenge_completed boolean;
  v_achievements text[];
  v_unlocked uuid[];
  v_result jsonb;
begin
  perform progflow.authorize(p_user_id);
  if p_design_snapshot is null or jsonb_typeof(p_design_snapshot) <> 'object' then
    raise exception 'design_snapshot must be a JSON object, not %', coalesce(jsonb_typeof(p_design_snapshot), 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Send the design as a JSON object.';
  end if;
  if octet_length(p_design_snapshot::text) > 1048576 then
    raise exception 'design_snapshot is % bytes, over the 1 MB (1048576 bytes) accepted', octet_length(p_design_snapshot::text)
      using errcode = 'invalid_parameter_value', hint = 'Send the design''s structure; keep images and history out of it.';
  end if;
  if p_test_results is null or jsonb_typeof(p_test_results) <> 'array' then
    raise exception 'test_results must be a JSON array, not %', coalesce(jsonb_typeof(p_test_results), 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Send one element per test case, as a JSON array.';
  end if;
  if octet_length(p_test_results::text) > 1048576 then
    raise exception 'test_results is % bytes, over the 1 MB (1048576 bytes) accepted', octet_length(p_test_results::text)
      using errcode = 'invalid_parameter_value', hint = 'Send one short result per test case.';
  end if;
  if p_score is null or round(p_score, 2) not between 0 and 100 then
    raise exception 'score must be between 0 and 100, not %', coalesce(p_score::text, 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Scores are percentages; they are kept to two decimals.';
  end if;
  v_score := round(p_score, 2);
  if p_time_spent_minutes not between 0 and 1440 then
    raise exception 'time_spent_minutes must be between 0 and 1440 (a day), not %', p_time_spent_minutes
      using errcode = 'invalid_parameter_value', hint = 'Send the whole minutes this attempt took, or NULL when unknown.';
  end if;
  if length(p_idempotency_key) not between 1 and 200 then
    raise exception 'idempotency_key must have 1 to 200 characters, not %', length(p_idempotency_key)
      using errcode = 'invalid_parameter_value', hint = 'Use a UUID or a similar short unique string.';
  end if;

  v_stats := progflow.lock_user(p_user_id);

  if p_idempotency_key is not null then
    v_hash := encode(sha256(convert_to(jsonb_build_array(p_challenge_id, p_level_number, v_score, p_time_spent_minutes,
                                                         jsonb_hash_extended(p_design_snapshot, 1),
                                                         jsonb_hash_extended(p_design_snapshot, 2),
                                                         jsonb_hash_extended(p_test_results, 1),
                                                         jsonb_hash_extended(p_test_results, 2))::text,
                                       'UTF8')), 'hex');
    select * into v_seen from progflow.attempt_requests r
     where r.user_id = p_user_id and r.idempotency_key = p_idempotency_key;
    if found then
      -- keys stored before 0.2.0 hold the hash of the payload's text as it was sent
      if v_seen.request_hash <> v_hash
         and v_seen.request_hash <> encode(sha256(convert_to(jsonb_build_array(
               p_challenge_id, p_level_number, p_design_snapshot, p_test_results, p_score,
               p_time_spent_minutes)::text, 'UTF8')), 'hex') then
        raise exception 'idempotency key % was already used by user % for another attempt',
                        quote_literal(p_idempotency_key), p_user_id
          using errcode = 'PF006', hint = 'Use a new key for a new attempt; resend the same payload to replay.';
      end if;
      return query select * from jsonb_to_record(v_seen.response) as r(
        attempt_id uuid, attempt_number integer, passed boolean, xp_earned integer, level_completed boolean,
        challenge_completed boolean, newly_unlocked uuid[], achievements_unlocked text[]);
      return;
    end if;
  end if;

  if v_stats.total_time_spent_minutes::bigint + coalesce(p_time_spent_minutes, 0) > 2147483647 then
    raise exception 'user % has % minutes recorded: % more would pass the 2147483647 the totals hold',
                    p_user_id, v_stats.total_time_spent_minutes, p_time_spent_minutes
      using errcode = 'invalid_parameter_value', hint = 'Send the minutes of this attempt only, or NULL when unknown.';
  end if;
  perform progflow.check_rate_limit(p_user_id);
  v_level := progflow.open_level(p_user_id, p_challenge_id, p_level_number);
  select * into v_progress from progflow.user_challenge_progress p
   where p.user_id = p_user_id and p.challenge_id = p_challenge_id for update;
  select c.title, c.track_id into v_title, v_track from progflow.challenges c where c.id = p_challenge_id;
  v_unlocked_before := array(select p.challenge_id from progflow.user_challenge_progress p
                              where p.user_id = p_user_id and p.unlock_date is not null);

  select coalesce(max(a.attempt_number), 0) + 1, count(*) filter (where not a.passed),
         coalesce(bool_or(a.passed and a.score = 100), false)
    into v_attempt_number, v_failed_before, v_perfect_before
    from progflow.level_attempts a
   where a.user_id = p_user_id and a.challenge_id = p_challenge_id and a.level_number = p_level_number
     -- no attempt at a challenge predates its start: the months before it are not read
     and a.created_at >= coalesce(v_progress.start_date, '-infinity');
  select count(*) into v_hints from progflow.hint_usage h
   where h.user_id = p_user_id and h.challenge_id = p_challenge_id and h.level_number = p_level_number;

  v_passed := v_score >= coalesce((v_level.passing_criteria ->> 'min_score')::numeric, 60);
  v_first_pass := v_passed and not (p_level_number = any (v_progress.levels_completed));

  select coalesce(u.preferences ->> 'timezone', 'UTC') into v_tz from progflow.users u where u.id = p_user_id;
  v_hour := extract(hour from v_now at time zone v_tz)::integer;
  select * into v_streak from progflow.streak_after(v_stats, v_now, v_tz);  -- counting today

  if v_first_pass then
    v_xp := floor(v_level.xp_reward
                  * case when v_score >= 100 then 1.5 when v_score >= 90 then 1.25 when v_score >= 75 then 1.0 else 0.75 end
                  * greatest(0.5, 1 - 0.1 * v_hints)
                  * greatest(0.5, 1 - 0.1 * v_failed_before)
                  -- the streak counts today, so it is at least 1 here
                  * case when v_streak.current_streak_days <= 3 then 1.1 when v_streak.current_streak_days <= 7 then 1.25
                         when v_streak.current_streak_days <= 14 then 1.5 when v_streak.current_streak_days <= 30 then 1.75
                         else 2.0 end)::integer;
    v_completed := array(select distinct l from unnest(v_progress.levels_completed || p_level_number) l order by l);
  else
    v_completed := v_progress.levels_completed;
  end if;

  insert into progflow.level_attempts (user_id, challenge_id, level_number, attempt_number, design_snapshot,
                                       test_results, score, passed, xp_earned, hints_used, time_spent_minutes,
                                       created_at)
  values (p_user_id, p_challenge_id, p_level_number, v_attempt_number, p_design_snapshot, p_test_results, v_score,
          v_passed, v_xp, v_hints, p_time_spent_minutes, v_now)
  returning id into v_attempt_id;
  v_challenge_completed := v_first_pass and cardinality(v_completed) = 5;

  update progflow.user_challenge_progress p
     set status = case when v_challenge_completed or p.status = 'completed' then 'completed'
                       else 'in_progress' end::progflow.progress_status,
         current_level = coalesce((select max(l) from unnest(v_completed) l), 0),
         levels_completed = v_completed,
         start_date = coalesce(p.start_date, v_now),
         completion_date = case when v_challenge_completed then v_now else p.completion_date end,
         total_attempts = p.total_attempts + 1,
         total_time_spent_minutes = p.total_time_spent_minutes + coalesce(p_time_spent_minutes, 0),
         best_score = greatest(p.best_score, v_score),
         xp_earned = p.xp_earned + v_xp
   where p.id = v_progress.id;

  update progflow.user_stats s
     set total_levels_completed = s.total_levels_completed + v_first_pass::integer,
         total_challenges_started = s.total_challenges_started + (v_progress.start_date is null)::integer,
         total_challenges_completed = s.total_challenges_completed + v_challenge_completed::integer,
         total_time_spent_minutes = s.total_time_spent_minutes + coalesce(p_time_spent_minutes, 0),
         current_streak_days = v_streak.current_streak_days,
         longest_streak_days = greatest(s.longest_streak_days, v_streak.current_streak_days),
         last_activity_date = v_streak.last_activity_date,
         streak_started_at = v_streak.streak_started_at,
         perfect_levels = s.perfect_levels + (v_score = 100 and not v_perfect_before)::integer,
         first_passes_by_hour[v_hour + 1] = s.first_passes_by_hour[v_hour + 1] + v_first_pass::integer
   where s.user_id = p_user_id;
  update progflow.users u set last_active_at = v_now where u.id = p_user_id;

  -- the track's progress moves on a completion, and on the first attempt in a track not yet begun
  if v_track is not null
     and (v_challenge_completed
          or (v_progress.total_attempts = 0
              and not exists (select from progflow.user_track_progress t
                               where t.user_id = p_user_id and t.track_id = v_track and t.status <> 'not_started'))) then
    perform progflow.refresh_track_progress(p_user_id, v_track);
  end if;

  if v_first_pass then
    insert into progflow.notifications (user_id, type, title, message, action_url)
    values (p_user_id, 'level_complete', format('Level %s of %s complete', p_level_number, v_title),
            format('%s passed with %s: +%s XP.', v_level.level_name, v_score, v_xp),
            format('/challenge/%s/level/%s', p_challenge_id, p_level_number));
  end if;
  if v_streak.current_streak_days > v_stats.current_streak_days and v_streak.current_streak_days in (3, 7, 14, 30, 100) then
    insert into progflow.notifications (user_id, type, title, message, action_url)
    values (p_user_id, 'streak', format('%s-day streak', v_streak.current_streak_days),
            format('You have practised %s days in a row.', v_streak.current_streak_days), '/progress');
  end if;

  if v_xp > 0 then
    perform progflow.add_xp(p_user_id, v_xp, 'challenge', v_attempt_id::text,
                            format('Level %s of %s', p_level_number, v_title));
  end if;
  if v_challenge_completed then
    perform progflow.unlock_challenges(p_user_id);
  end if;
  -- what this attempt's counters crossed; a completed challenge also moves the row-counting types
  v_achievements := array(select progflow.unlock_achievements(
                            p_user_id, v_stats,
                            case when v_challenge_completed
                                 then array['track_completed', 'fast_completions', 'no_hint_challenges']
                                 else '{}' end));
  -- challenges open on a completion or a level-up only (the attempt's XP or an achievement's)
  if v_challenge_completed
     or (select s.current_level from progflow.user_stats s where s.user_id = p_user_id) > v_stats.current_level then
    v_unlocked := array(select p.challenge_id
                          from progflow.user_challenge_progress p
                          join progflow.challenges c on c.id = p.challenge_id
                         where p.user_id = p_user_id and p.unlock_date is not null
                           and not (p.challenge_id = any (v_unlocked_before))
                         order by c.order_in_track, c.slug);
  else
    v_unlocked := '{}';
  end if;

  v_result := jsonb_build_object(
    'attempt_id', v_attempt_id, 'attempt_number', v_attempt_number, 'passed', v_passed, 'xp_earned', v_xp,
    'level_completed', v_first_pass, 'challenge_completed', v_challenge_completed,
    'newly_unlocked', to_jsonb(v_unlocked), 'achievements_unlocked', to_jsonb(v_achievements));
  if p_idempotency_key is not null then
    insert into progflow.attempt_requests (user_id, idempotency_key, request_hash, response)
    values (p_user_id, p_idempotency_key, v_hash, v_result);
  end if;
  return query select v_attempt_id, v_attempt_number, v_passed, v_xp, v_first_pass, v_challenge_completed,
                      v_unlocked, v_achievements;
end;
$$;

revoke all on function progflow.submit_level_attempt(uuid, uuid, integer, jsonb, jsonb, numeric, integer, text) from public;
grant execute on function progflow.submit_level_attempt(uuid, uuid, integer, jsonb, jsonb, numeric, integer, text) to progflow_app;

comment on function progflow.submit_level_attempt(uuid, uuid, integer, jsonb, jsonb, numeric, integer, text) is
  E'Records one attempt at a level and everything it causes, atomically: the attempt (numbered per user and level), XP for the first pass only (xp_reward × performance × hints × retries × streak, floored; docs/rules.md), progress (levels_completed sorted, best score, attempts, time), the user''s counters (perfect levels and first passes by local hour among them) and streak, track progress, `level_complete` and streak-milestone notifications, unlocks and achievements. The score is rounded to two decimals first and that value is used everywhere. With an idempotency key, a replay of the same payload (numbers compared by value: 90.0 is 90) returns the first result and records nothing.\n\nReturns attempt_id, attempt_number, passed, xp_earned, level_completed (a first pass), challenge_completed, newly_unlocked (challenge ids), achievements_unlocked (slugs).\n\nErrors: `22023` bad argument (named), among them a score outside 0–100 once rounded, minutes outside 0–1440, or minutes that would take the user''s total past 2147483647; `22P05` (raised when the argument is read, before the call) a JSON argument holding `\\u0000`; `P0002` unknown user, challenge or level; `PF001` challenge locked; `PF002` level locked; `PF003` rate limited (`check_rate_limit`; a replay is not counted); `PF006` idempotency key reused with another payload; `42501` the caller may not act for the user.\n\nExample: `select * from progflow.submit_level_attempt(''…user…'', ''…challenge…'', 1, ''{"nodes": []}'', ''[]'', 92, 25, ''c0ffee-1'');`';
