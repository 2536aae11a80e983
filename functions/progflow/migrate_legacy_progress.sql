-- Import progress from a table shaped like the original design's old_progress_table.
/*
  The source has (user_id uuid, problem_id text, completed_levels integer[], total_xp integer), one
  row per user and challenge slug. Each row becomes the user's progress on that challenge, and its
  XP a `legacy` ledger row (source_id 'legacy:<slug>'), so the ledger stays the truth. A row
  already imported, or with no level and no XP, is skipped, so the import can be run again. Any row that cannot be imported
  stops the whole import, naming it: nothing is half-imported.
*/
create or replace function progflow.migrate_legacy_progress(p_source regclass)
  returns integer
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
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
$$;

revoke all on function progflow.migrate_legacy_progress(regclass) from public;

comment on function progflow.migrate_legacy_progress(regclass) is
  E'Imports progress from a legacy table with columns user_id, problem_id (challenge slug), completed_levels and total_xp: progress rows (completed when levels are 1–5, in progress when any), counters, the XP as `legacy` ledger rows, track progress and unlocks. Rows already imported, or with no level and no XP, are skipped, so it can run again.\n\nReturns the rows imported.\n\nErrors: `22023` NULL source, missing columns, or a row with an unknown slug or user, negative XP or bad levels (named; nothing is imported).\n\nExample: `select progflow.migrate_legacy_progress(''public.old_progress_table'');`';
