-- One step of an import from the old system: the next users to create, then the next learners.
/*
  A batch's statements are planned for each call (EXECUTE): their best plan depends on how many
  rows the batch holds, and a plan cached for an earlier batch could join thousands of rows by
  nested loops (a step of seconds took minutes).

  Each step is one transaction (the caller commits between steps), so an import of millions of
  rows holds no lock for long, and one interrupted anywhere goes on where it stopped: a row is
  pending until the step that gives it an outcome commits. Users first (a progress row may name
  one), then learners in id order, each learner's rows in one step under the learner's lock
  (lock_user, in id order: the engine's calls for them wait, never deadlock).

  A learner's rows for one challenge, and what the learner already has on it, merge: the union of
  the levels, the most XP of any of them (never the sum: rows that repeat one record would pay it
  twice); the XP above what the learner had is one `legacy` ledger row. docs/rules.md, "Moving in
  from the old system".

  The ledger's rows are written here in bulk, not by add_xp row by row: the one other writer the
  ledger accepts (progflow.xp_writer = 'legacy_import_step'), moving each learner's total and level
  in the same statement under the learner's lock, as add_xp does for one row.
*/
create or replace function progflow.legacy_import_step(p_import bigint, p_batch integer default 1000)
  returns integer
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_done integer;
  v_users uuid[];
  v_before progflow.user_stats[] := array[]::progflow.user_stats[];
  v_changed uuid[];        -- the learners whose progress changed
  v_track_users uuid[];    -- and the tracks of the challenges that changed, pair by pair
  v_tracks uuid[];
  v_user uuid;
  v_table regclass;
  v_lost uuid[];           -- planned users someone else's sign-up took meanwhile
  v_rows integer;
begin
  if p_import is null or p_batch is null or p_batch not between 1 and 100000 then
    raise exception 'import % and batch % must be given, the batch 1 to 100000', coalesce(p_import::text, 'NULL'),
                    coalesce(p_batch::text, 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Pass the id legacy_import_start returned, and a batch such as 1000.';
  end if;
  perform from progflow.legacy_imports i where i.id = p_import for no key update;  -- one stepper at a time
  if not found then
    raise exception 'legacy import % does not exist', p_import
      using errcode = 'no_data_found', hint = 'See progflow.legacy_imports for the imports there are.';
  end if;

  -- An import grows the tables the engine's plans read (53 progress rows for each new user): a
  -- table that has more than doubled since it was last analyzed is analyzed again, so that the
  -- plans cached for the engine's queries are made again for its size (a plan made for an empty
  -- table reads the whole table for each learner).
  for v_table in
    select c.oid::regclass from pg_catalog.pg_class c
     where c.oid in ('progflow.users'::regclass, 'progflow.user_stats'::regclass,
                     'progflow.user_challenge_progress'::regclass, 'progflow.user_track_progress'::regclass,
                     'progflow.user_achievements'::regclass, 'progflow.notifications'::regclass)
       and pg_catalog.pg_stat_get_live_tuples(c.oid) > 2 * greatest(c.reltuples, 0) + 10000 loop
    execute format('analyze %s', v_table);
  end loop;

  -- Users: the next rows that create one, with their old ids mapped. A user who signed up with the
  -- email, username or id since the import started keeps it; the row is rejected, and with it its
  -- repeats and the progress rows that named its old id.
  execute $sql$
  with next as (
    select x.row_number, x.legacy_id, x.user_id, x.email, x.username, x.signed_up
      from progflow.legacy_import_users x
     where x.import_id = $1 and x.outcome is null
     order by x.row_number
     limit $2
  ),
  made as (
    insert into progflow.users (id, email, username, created_at)
    select n.user_id, n.email, n.username, coalesce(n.signed_up, now()) from next n
    on conflict do nothing
    returning id
  ),
  mapped as (
    insert into progflow.legacy_user_map (legacy_id, user_id, import_id)
    select n.legacy_id, n.user_id, $1 from next n join made m on m.id = n.user_id
  ),
  settled as (
    update progflow.legacy_import_users x
       set outcome = case when m.id is not null then 'imported' else 'rejected' end,
           user_id = m.id,
           reason = case when m.id is null then 'its email, username or id was taken while the import ran' end
      from next n left join made m on m.id = n.user_id
     where x.import_id = $1 and x.row_number = n.row_number
    returning x.outcome, n.user_id as planned, n.row_number
  )
  select count(*)::integer, array_agg(s.planned) filter (where s.outcome = 'rejected') from settled s
  $sql$ into v_done, v_lost using p_import, p_batch;
  if v_lost is not null then
    update progflow.legacy_import_users x
       set outcome = 'rejected', user_id = null, reason = x.reason || ', whose user was taken while the import ran'
     where x.import_id = p_import and x.outcome = 'merged' and x.user_id = any (v_lost);
    update progflow.legacy_import_progress x
       set outcome = 'rejected',
           reason = concat_ws('; ', x.reason, format('user %s was not created: its email, username or id was taken while the import ran',
                                                  quote_literal(x.legacy_user_id)))
     where x.import_id = p_import and x.outcome is null and x.user_id = any (v_lost);
    get diagnostics v_rows = row_count;
    v_done := v_done + v_rows;
  end if;
  if v_done > 0 then
    return v_done;
  end if;

  -- Learners: the next ones with pending rows. Rows whose user is gone (deleted since the import
  -- started) are rejected first; the others' learners are locked, in id order, and the rows of a
  -- learner whose XP could pass the ledger's limit (with every achievement's reward on top, which
  -- the import may unlock) are rejected under that lock.
  select array_agg(n.user_id order by n.user_id) into v_users
    from (select distinct x.user_id from progflow.legacy_import_progress x
           where x.import_id = p_import and x.outcome is null
           order by x.user_id limit p_batch) n;
  if v_users is null then
    update progflow.legacy_imports i set finished_at = now() where i.id = p_import and i.finished_at is null;
    return 0;
  end if;
  update progflow.legacy_import_progress x
     set outcome = 'rejected', reason = concat_ws('; ', x.reason, 'the user does not exist (deleted while the import ran)')
   where x.import_id = p_import and x.outcome is null and x.user_id = any (v_users)
     and not exists (select from progflow.users u where u.id = x.user_id);
  get diagnostics v_done = row_count;
  foreach v_user in array v_users loop
    continue when not exists (select from progflow.users u where u.id = v_user);
    v_before := v_before || progflow.lock_user(v_user);
  end loop;
  execute $sql$
  update progflow.legacy_import_progress x
     set outcome = 'rejected', reason = concat_ws('; ', x.reason, 'its XP could take the learner''s total past 2147483647')
    from (select g.user_id
            from (select b.user_id, sum(greatest(b.xp - coalesce(p.xp_earned, 0), 0)) as gain
                    from (select y.user_id, y.challenge_id, max(y.xp)::bigint as xp
                            from progflow.legacy_import_progress y
                           where y.import_id = $1 and y.outcome is null and y.user_id = any ($2)
                           group by 1, 2) b
                    left join progflow.user_challenge_progress p on p.user_id = b.user_id and p.challenge_id = b.challenge_id
                   group by 1) g
            join progflow.user_stats s on s.user_id = g.user_id
           where s.total_xp + g.gain
                 + (select coalesce(sum(a.xp_reward), 0) from progflow.achievements a where a.is_active) > 2147483647) o
   where x.import_id = $1 and x.outcome is null and x.user_id = o.user_id
  $sql$ using p_import, v_users;
  get diagnostics v_rows = row_count;
  v_done := v_done + v_rows;

  perform set_config('progflow.xp_writer', 'legacy_import_step', true);
  execute $sql$
  with batch as (
    select x.row_number, x.user_id, x.challenge_id, x.levels, x.xp
      from progflow.legacy_import_progress x
     where x.import_id = $1 and x.outcome is null and x.user_id = any ($2)
  ),
  grp as (
    select b.user_id, b.challenge_id, max(cardinality(b.levels)) as top, max(b.xp) as xp,
           array_agg(b.row_number order by b.row_number) as rows
      from batch b
     group by 1, 2
  ),
  plan as (
    select g.user_id, g.challenge_id, g.rows,
           coalesce(p.levels_completed, '{}') as old_levels, coalesce(p.xp_earned, 0) as old_xp,
           coalesce(p.total_attempts, 0) > 0 or coalesce(p.xp_earned, 0) > 0
             or coalesce(cardinality(p.levels_completed), 0) > 0 as had_progress,
           coalesce(p.start_date is not null, false) as was_started,
           coalesce(p.status = 'completed', false) as was_completed,
           array(select distinct v from unnest(coalesce(p.levels_completed, '{}') || array(select generate_series(1, g.top))) v
                  order by v) as new_levels,
           greatest(coalesce(p.xp_earned, 0), g.xp) as new_xp
      from grp g
      left join progflow.user_challenge_progress p on p.user_id = g.user_id and p.challenge_id = g.challenge_id
  ),
  changed as (
    select pl.*, pl.new_levels = array[1, 2, 3, 4, 5] as completed
      from plan pl
     where pl.new_levels <> pl.old_levels or pl.new_xp > pl.old_xp
  ),
  -- prerequisites the learner has not completed, before or by this import: imported anyway (the
  -- learner did the challenge in the old system), and said so
  missing as (
    select c.user_id, c.challenge_id, string_agg(pc.slug, ', ' order by pc.slug) as slugs
      from changed c
      join progflow.challenges ch on ch.id = c.challenge_id
     cross join jsonb_array_elements_text(ch.prerequisites) pre(id)
      join progflow.challenges pc on pc.id = pre.id::uuid
     where not exists (select from progflow.user_challenge_progress d
                        where d.user_id = c.user_id and d.challenge_id = pc.id and d.status = 'completed')
       and not exists (select from changed q where q.user_id = c.user_id and q.challenge_id = pc.id and q.completed)
     group by 1, 2
  ),
  written as (
    insert into progflow.user_challenge_progress as p (user_id, challenge_id, status, current_level, levels_completed,
                                                       unlock_date, start_date, completion_date, xp_earned, imported_at)
    select c.user_id, c.challenge_id,
           case when c.completed then 'completed' else 'in_progress' end::progflow.progress_status,
           coalesce(c.new_levels[cardinality(c.new_levels)], 0), c.new_levels, now(), now(),
           case when c.completed then now() end, c.new_xp, case when c.new_levels <> c.old_levels then now() end
      from changed c
    on conflict (user_id, challenge_id) do update
       set status = excluded.status, current_level = excluded.current_level, levels_completed = excluded.levels_completed,
           unlock_date = coalesce(p.unlock_date, excluded.unlock_date), start_date = coalesce(p.start_date, excluded.start_date),
           completion_date = coalesce(p.completion_date, excluded.completion_date), xp_earned = excluded.xp_earned,
           imported_at = coalesce(excluded.imported_at, p.imported_at)
  ),
  -- The XP above what each learner had: a `legacy` ledger row for each challenge, and the
  -- learner's total and level moved in the same statement, as add_xp does for one row (the
  -- learners are locked; a batch's thousands of rows are one INSERT, not thousands of calls).
  ledger as (
    insert into progflow.xp_transactions (user_id, amount, source_type, source_id, description)
    select c.user_id, c.new_xp - c.old_xp, 'legacy', 'legacy:' || ch.slug, 'Imported progress on ' || ch.slug
      from changed c join progflow.challenges ch on ch.id = c.challenge_id
     where c.new_xp > c.old_xp
  ),
  counted as (
    update progflow.user_stats s
       set total_levels_completed = s.total_levels_completed + d.levels,
           total_challenges_started = s.total_challenges_started + d.started,
           total_challenges_completed = s.total_challenges_completed + d.completed,
           total_xp = s.total_xp + d.gain,
           current_level = progflow.calculate_level_from_xp(s.total_xp + d.gain)
      from (select c.user_id, sum(cardinality(c.new_levels) - cardinality(c.old_levels))::integer as levels,
                   (count(*) filter (where not c.was_started))::integer as started,
                   (count(*) filter (where c.completed and not c.was_completed))::integer as completed,
                   sum(c.new_xp - c.old_xp)::integer as gain
              from changed c
             group by 1) d
     where s.user_id = d.user_id
  ),
  outcomes as (
    update progflow.legacy_import_progress x
       set outcome = o.outcome,
           reason = nullif(concat_ws('; ', x.reason,
             case when o.outcome = 'merged' then concat_ws(' and ',
               case when cardinality(o.rows) > 1
                    then format('merged with row %s', array_to_string(array_remove(o.rows, x.row_number), ', row ')) end,
               case when o.had_progress
                    then format('merged with the learner''s levels {%s} and %s XP', array_to_string(o.old_levels, ','), o.old_xp) end)
             end,
             case when o.outcome <> 'already_present' and o.missing is not null
                  then 'imported although prerequisites are not completed: ' || o.missing end), '')
      from (select b.row_number, pl.rows, pl.had_progress, pl.old_levels, pl.old_xp, m.slugs as missing,
                   case when b.levels <@ pl.old_levels and b.xp <= pl.old_xp then 'already_present'
                        when cardinality(pl.rows) > 1 or pl.had_progress then 'merged'
                        else 'imported' end as outcome
              from batch b
              join plan pl on pl.user_id = b.user_id and pl.challenge_id = b.challenge_id
              left join missing m on m.user_id = b.user_id and m.challenge_id = b.challenge_id) o
     where x.import_id = $1 and x.row_number = o.row_number
    returning x.row_number
  )
  select (select count(*)::integer from outcomes), (select array_agg(distinct c.user_id) from changed c),
         k.users, k.tracks
    from (select array_agg(d.user_id order by d.user_id, d.track_id) as users,
                 array_agg(d.track_id order by d.user_id, d.track_id) as tracks
            from (select distinct c.user_id, ch.track_id from changed c join progflow.challenges ch on ch.id = c.challenge_id
                   where ch.track_id is not null) d) k
  $sql$ into v_rows, v_changed, v_track_users, v_tracks using p_import, v_users;
  v_done := v_done + v_rows;
  perform set_config('progflow.xp_writer', '', true);

  -- What the imported progress opens or earns: tracks, unlocks and the achievements the data supports.
  for i in 1 .. coalesce(cardinality(v_tracks), 0) loop
    perform progflow.refresh_track_progress(v_track_users[i], v_tracks[i]);
  end loop;
  for i in 1 .. cardinality(v_before) loop
    continue when not v_before[i].user_id = any (coalesce(v_changed, '{}'));
    perform progflow.unlock_challenges(v_before[i].user_id);
    perform progflow.unlock_achievements(v_before[i].user_id, v_before[i], array['track_completed']);
  end loop;
  return v_done;
end;
$$;

revoke all on function progflow.legacy_import_step(bigint, integer) from public;

comment on function progflow.legacy_import_step(bigint, integer) is
  E'Applies the next part of a legacy import (legacy_import_start): first up to `p_batch` users to create (each mapped in `legacy_user_map`), then the pending progress rows of up to `p_batch` learners, each under the learner''s lock: merged with what the learner has (union of levels, the most XP; the XP gained as a `legacy` ledger row), with counters, track progress, unlocks and achievements following (none for time or hints, which imports do not carry). Each row gets its outcome (`imported`, `merged`, `already_present`, `rejected`) and reason. Call it, committing after each call, until it returns 0; an interrupted import resumes with the next call. docs/rules.md, "Moving in from the old system".\n\nReturns the input rows given an outcome by this call; 0 once the import is finished (`legacy_imports.finished_at`).\n\nErrors: `22023` NULL import or batch, a batch outside 1 to 100000; `P0002` unknown import.\n\nExample: `select progflow.legacy_import_step(1, 1000);`';
