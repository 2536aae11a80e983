-- Revert progflow:legacy-import from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

set local check_function_bodies = off;

create or replace function progflow.migrate_legacy_progress(p_source regclass)
 returns integer
 language plpgsql
 set search_path to 'pg_catalog', 'pg_temp'
as $function$
declare
  v_missing text;
  v_user uuid;
  v_slug text;
  v_given integer[];
  v_xp integer;
  v_challenge uuid;
  v_track uuid;
  v_known_user boolean;
  v_levels integer[];
  v_completed boolean;
  v_count integer := 0;
  v_before progflow.user_stats;
begin
  if p_source is null then
    raise exception 'source table must not be NULL'
      using errcode = 'invalid_parameter_value', hint = 'Pass the legacy table, such as ''public.old_progress_table''.';
  end if;
  select string_agg(need.col, ', ') into v_missing
    from unnest(array['user_id', 'problem_id', 'completed_levels', 'total_xp']) need(col)
   where not exists (select from pg_catalog.pg_attribute a
                      where a.attrelid = p_source and a.attname = need.col and a.attnum > 0 and not a.attisdropped);
  if v_missing is not null then
    raise exception 'legacy table % lacks column(s) %', p_source, v_missing
      using errcode = 'invalid_parameter_value',
            hint = 'The source needs user_id, problem_id (the challenge slug), completed_levels and total_xp.';
  end if;

  for v_user, v_slug, v_given, v_xp, v_challenge, v_track, v_known_user in execute format(
    'select s.user_id::uuid as user_id, s.problem_id::text as slug, s.completed_levels::integer[] as levels,
            coalesce(s.total_xp, 0)::integer as xp, c.id as challenge_id, c.track_id,
            exists (select from progflow.users u where u.id = s.user_id::uuid) as known_user
       from %s s left join progflow.challenges c on c.slug = s.problem_id::text
      order by s.user_id, s.problem_id', p_source)
  loop
    if v_challenge is null or not v_known_user then
      raise exception 'legacy row (user %, problem %) matches no %', v_user, quote_literal(v_slug),
                      case when v_challenge is null then 'challenge slug' else 'user' end
        using errcode = 'invalid_parameter_value', hint = 'Fix or remove that row; nothing was imported.';
    end if;
    if v_xp < 0 or exists (select from unnest(coalesce(v_given, '{}')) l where l is null or l not between 1 and 5) then
      raise exception 'legacy row (user %, problem %) has negative XP or levels outside 1-5: %', v_user,
                      quote_literal(v_slug), v_given
        using errcode = 'invalid_parameter_value', hint = 'Fix or remove that row; nothing was imported.';
    end if;
    continue when cardinality(coalesce(v_given, '{}')) = 0 and v_xp = 0;  -- carries no progress
    v_before := progflow.lock_user(v_user);
    continue when exists (select from progflow.xp_transactions x
                           where x.user_id = v_user and x.source_type = 'legacy'
                             and x.source_id = 'legacy:' || v_slug)
              or exists (select from progflow.user_challenge_progress p
                          where p.user_id = v_user and p.challenge_id = v_challenge
                            and (p.total_attempts > 0 or cardinality(p.levels_completed) > 0));

    v_levels := array(select distinct l from unnest(coalesce(v_given, '{}')) l order by l);
    v_completed := v_levels = array[1, 2, 3, 4, 5];
    insert into progflow.user_challenge_progress as p (user_id, challenge_id, status, current_level, levels_completed,
                                                       unlock_date, start_date, completion_date, xp_earned)
    values (v_user, v_challenge,
            case when v_completed then 'completed' when cardinality(v_levels) > 0 then 'in_progress'
                 else 'not_started' end::progflow.progress_status,
            coalesce(v_levels[cardinality(v_levels)], 0), v_levels, now(),
            case when cardinality(v_levels) > 0 then now() end, case when v_completed then now() end, v_xp)
    on conflict (user_id, challenge_id) do update
       set status = excluded.status, current_level = excluded.current_level,
           levels_completed = excluded.levels_completed, unlock_date = coalesce(p.unlock_date, excluded.unlock_date),
           start_date = excluded.start_date, completion_date = excluded.completion_date, xp_earned = excluded.xp_earned;
    update progflow.user_stats s
       set total_levels_completed = s.total_levels_completed + cardinality(v_levels),
           total_challenges_started = s.total_challenges_started + (cardinality(v_levels) > 0)::integer,
           total_challenges_completed = s.total_challenges_completed + v_completed::integer
     where s.user_id = v_user;
    if v_xp > 0 then
      perform progflow.add_xp(v_user, v_xp, 'legacy', 'legacy:' || v_slug, 'Imported progress on ' || v_slug);
    end if;
    if v_track is not null then
      perform progflow.refresh_track_progress(v_user, v_track);
    end if;
    perform progflow.unlock_challenges(v_user);
    perform progflow.unlock_achievements(v_user, v_before,
                                         array['track_completed', 'fast_completions', 'no_hint_challenges']);
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$function$;

create or replace function progflow.refresh_leaderboards(p_period progflow.leaderboard_period, p_period_date date default null::date)
 returns integer
 language plpgsql
 security definer
 set search_path to 'pg_catalog', 'pg_temp'
as $function$
declare
  v_today date := (now() at time zone 'UTC')::date;
  v_date date;
  v_from timestamptz;
  v_to timestamptz;
  v_lo bigint;  -- the board's keys (board_key): its date with the values 1 to the largest integer
  v_hi bigint;
  v_count integer;
begin
  if p_period is null then
    raise exception 'period must not be NULL'
      using errcode = 'invalid_parameter_value', hint = 'Use daily, weekly, monthly or all_time.';
  end if;
  v_date := case p_period
    when 'daily' then coalesce(p_period_date, v_today)
    when 'weekly' then date_trunc('week', coalesce(p_period_date, v_today))::date
    when 'monthly' then date_trunc('month', coalesce(p_period_date, v_today))::date
  end;
  v_from := v_date::timestamp at time zone 'UTC';
  v_to := (v_date + case p_period when 'daily' then interval '1 day' when 'weekly' then interval '7 days'
                                  else interval '1 month' end)::timestamp at time zone 'UTC';
  -- One refresh of a board at a time: a second waits, then finds the board current.
  perform pg_advisory_xact_lock(hashtext('progflow.refresh_leaderboards'), hashtext(p_period || ' ' || coalesce(v_date::text, '')));

  v_lo := progflow.board_key(v_date, 1);
  v_hi := progflow.board_key(v_date, 2147483647);

  -- The board's rows by their key index: a range of keys under each metric, in a form a cached
  -- generic plan answers as well as a custom one.
  with now_values as (  -- each user's values of the metrics, as stored (a streak before its reading)
    -- all_time: the lifetime counters, from one scan of user_stats
    select s.user_id, m.metric, m.value, s.current_level as level, m.last_day
      from progflow.user_stats s
     cross join lateral (values ('xp'::varchar, s.total_xp, null::date),
                                ('challenges', s.total_challenges_completed, null),
                                ('streak', s.current_streak_days, s.last_activity_date)) m (metric, value, last_day)
     where p_period = 'all_time' and m.value > 0 and (m.metric <> 'streak' or s.last_activity_date >= v_today - 2)
    union all
    -- a period: the XP its ledger rows add up to and the challenges completed in it, per user
    select x.user_id, 'xp', x.value, s.current_level, null
      from (select l.user_id, sum(l.amount)::integer as value
              from progflow.xp_transactions l
             where p_period <> 'all_time' and l.created_at >= v_from and l.created_at < v_to
             group by l.user_id) x
      join progflow.user_stats s on s.user_id = x.user_id
    union all
    select c.user_id, 'challenges', c.value, s.current_level, null
      from (select p.user_id, count(*)::integer as value
              from progflow.user_challenge_progress p
             where p_period <> 'all_time' and p.completion_date >= v_from and p.completion_date < v_to
             group by p.user_id) c
      join progflow.user_stats s on s.user_id = c.user_id
    union all
    select s.user_id, 'streak', s.current_streak_days, s.current_level, s.last_activity_date
      from progflow.user_stats s
     where p_period <> 'all_time' and s.current_streak_days > 0 and s.last_activity_date >= v_today - 2
  ),
  -- A streak reads more than 0 only while its last day is yesterday or today in the user's zone (two
  -- days before today in UTC bounds that in every zone, above); its entry expires on the local day
  -- it reads 0.
  board as (
    select v.user_id, v.metric, r.value, r.expires_at, u.username, u.display_name, u.avatar_url, v.level,
           progflow.rank_title(v.level) as rank_title
      from now_values v
      join progflow.users u on u.id = v.user_id
     cross join lateral (select coalesce(u.preferences ->> 'timezone', 'UTC') as timezone) tz
     cross join lateral (
       select case when v.metric = 'streak' then progflow.current_streak(v.value, v.last_day, tz.timezone)
                   else v.value end as value,
              case when v.metric = 'streak' then (v.last_day + 2)::timestamp at time zone tz.timezone end as expires_at
     ) r
     where r.value > 0
  ),
  stored as (
    select e.* from progflow.leaderboard_entries e
     where e.period_type = p_period and e.metric_type = any (array['xp', 'challenges', 'streak'])
       and progflow.board_key(e.period_date, e.metric_value) between v_lo and v_hi
  ),
  changes as (
    select b.*, e.id as entry_id, b.user_id is null as gone
      from board b
      full join stored e on e.user_id = b.user_id and e.metric_type = b.metric
     where b.user_id is null or e.id is null
        or (e.metric_value, e.username, e.display_name, e.avatar_url, e.level, e.expires_at)
           is distinct from (b.value, b.username, b.display_name, b.avatar_url, b.level, b.expires_at)
  ),
  deleted as (
    delete from progflow.leaderboard_entries e using changes c where c.gone and e.id = c.entry_id
    returning 1
  ),
  updated as (
    update progflow.leaderboard_entries e
       set metric_value = c.value, username = c.username, display_name = c.display_name, avatar_url = c.avatar_url,
           level = c.level, rank_title = c.rank_title, expires_at = c.expires_at, created_at = now()
      from changes c
     where not c.gone and c.entry_id is not null and e.id = c.entry_id
    returning 1
  ),
  inserted as (
    insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username,
                                              display_name, avatar_url, level, rank_title, expires_at)
    select p_period, v_date, c.user_id, c.metric, c.value, c.username, c.display_name, c.avatar_url, c.level,
           c.rank_title, c.expires_at
      from changes c where c.entry_id is null
    returning 1
  )
  select (select count(*) from deleted) + (select count(*) from updated) + (select count(*) from inserted)
    into v_count;

  -- The ranks of the board's values, from its entries as they are now.
  delete from progflow.leaderboard_ranks r
   where r.period_type = p_period and r.metric_type = any (array['xp', 'challenges', 'streak'])
     and progflow.board_key(r.period_date, r.metric_value) between v_lo and v_hi;
  insert into progflow.leaderboard_ranks (period_type, period_date, metric_type, metric_value, rank, entries)
  select p_period, v_date, v.metric_type, v.metric_value,
         (sum(v.entries) over (partition by v.metric_type order by v.metric_value desc) - v.entries + 1)::integer,
         v.entries
    from (select e.metric_type, e.metric_value, count(*)::integer as entries
            from progflow.leaderboard_entries e
           where e.period_type = p_period and e.metric_type = any (array['xp', 'challenges', 'streak'])
             and progflow.board_key(e.period_date, e.metric_value) between v_lo and v_hi
           group by e.metric_type, e.metric_value) v;
  return v_count;
end;
$function$;

create or replace function progflow.submit_level_attempt(p_user_id uuid, p_challenge_id uuid, p_level_number integer, p_design_snapshot jsonb, p_test_results jsonb, p_score numeric, p_time_spent_minutes integer default null::integer, p_idempotency_key text default null::text)
 returns table(attempt_id uuid, attempt_number integer, passed boolean, xp_earned integer, level_completed boolean, challenge_completed boolean, newly_unlocked uuid[], achievements_unlocked text[])
 language plpgsql
 security definer
 set search_path to 'pg_catalog', 'pg_temp'
as $function$
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
         total_challenges_started = s.total_challenges_started + (v_progress.total_attempts = 0)::integer,
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
$function$;

create or replace function progflow.tg_xp_transactions__written_by_add_xp()
 returns trigger
 language plpgsql
 stable
 set search_path to 'pg_catalog', 'pg_temp'
as $function$
begin
  if current_setting('progflow.xp_writer', true) is distinct from 'add_xp' then
    raise exception 'the XP ledger is written by progflow.award_xp only'
      using errcode = 'restrict_violation',
            hint = 'Award or take back XP with progflow.award_xp: it moves user_stats with the ledger.';
  end if;
  return null;
end;
$function$;

create or replace function progflow.unlock_achievements(p_user_id uuid, p_before progflow.user_stats, p_counted text[])
 returns setof text
 language plpgsql
 set search_path to 'pg_catalog', 'pg_temp'
as $function$
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
              where p.user_id = p_user_id and p.status = 'completed'
                and p.total_time_spent_minutes < ch.estimated_minutes)
           when 'no_hint_challenges' then (
             select count(*) from progflow.user_challenge_progress p
              where p.user_id = p_user_id and p.status = 'completed'
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
$function$;

create or replace function progflow.unlock_challenges(p_user_id uuid)
 returns setof uuid
 language plpgsql
 set search_path to 'pg_catalog', 'pg_temp'
as $function$
declare
  v_level integer;
begin
  select s.current_level into v_level from progflow.user_stats s where s.user_id = p_user_id;

  return query
  with candidates as (
    select c.id, c.slug, c.title
      from progflow.challenges c
     where c.is_active
       and not exists (
         select from progflow.user_challenge_progress p
          where p.user_id = p_user_id and p.challenge_id = c.id and p.unlock_date is not null)
       and not exists (
         select from jsonb_array_elements_text(c.prerequisites) pre(id)
          where not exists (
            select from progflow.user_challenge_progress d
             where d.user_id = p_user_id and d.challenge_id = pre.id::uuid and d.status = 'completed'))
       and coalesce((c.metadata #>> '{unlock,min_level}')::integer, 1) <= v_level
       and not exists (
         select from jsonb_each_text(coalesce(c.metadata #> '{unlock,track_progress}', '{}')) rule(slug, percent)
          where coalesce((select t.progress_percentage
                            from progflow.user_track_progress t
                            join progflow.learning_tracks lt on lt.id = t.track_id
                           where t.user_id = p_user_id and lt.slug = rule.slug), 0) < rule.percent::numeric)
  ),
  unlocked as (
    insert into progflow.user_challenge_progress as p (user_id, challenge_id, unlock_date)
    select p_user_id, c.id, now() from candidates c
    on conflict (user_id, challenge_id) do update set unlock_date = excluded.unlock_date
      where p.unlock_date is null
    returning p.challenge_id
  ),
  notified as (
    insert into progflow.notifications (user_id, type, title, message, action_url)
    select p_user_id, 'challenge_unlock', 'Challenge unlocked: ' || c.title,
           format('%s is open: its first level is waiting.', c.title), '/challenge/' || c.slug
      from unlocked u join candidates c on c.id = u.challenge_id
  )
  select u.challenge_id from unlocked u;
end;
$function$;

comment on function progflow.migrate_legacy_progress(p_source regclass) is 'Imports progress from a legacy table with columns user_id, problem_id (challenge slug), completed_levels and total_xp: progress rows (completed when levels are 1–5, in progress when any), counters, the XP as `legacy` ledger rows, track progress and unlocks. Rows already imported, or with no level and no XP, are skipped, so it can run again.

Returns the rows imported.

Errors: `22023` NULL source, missing columns, or a row with an unknown slug or user, negative XP or bad levels (named; nothing is imported).

Example: `select progflow.migrate_legacy_progress(''public.old_progress_table'');`';

comment on function progflow.tg_xp_transactions__written_by_add_xp() is 'Trigger function (BEFORE INSERT on `xp_transactions`, statement): refuses a ledger row not written by `add_xp` (through `award_xp` or the engine''s calls), which would leave `user_stats.total_xp` behind the ledger.

Errors: `23001` the row was not written by the engine.';

comment on function progflow.unlock_achievements(p_user_id uuid, p_before progflow.user_stats, p_counted text[]) is 'Internal (no role may call it): unlocks, for one user whose lock the caller holds, every active achievement whose counter went from below its count to at or above it between `p_before` (the stats row as the caller locked it) and now, and every achievement of the row-counting types named in `p_counted` (`track_completed`, `fast_completions`, `no_hint_challenges`, `daily_challenges`) that holds now; a NULL `p_before` evaluates every rule. Each unlock writes `user_achievements`, its XP (`add_xp`) and a notification; passes repeat while an unlock''s XP crosses another threshold. `evaluate_achievements` is the public way in.

Returns the slugs unlocked.

Errors: `22023` an achievement''s XP would take the total past 2147483647.';

commit;
