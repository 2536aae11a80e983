-- Deploy progflow:xp_transactions-provenance to pg
-- requires: tables/xp_transactions
-- requires: tables/audit_log
-- requires: functions/tg_xp_transactions__apply_to_stats
-- requires: functions/check_and_unlock_challenges
-- requires: functions/award_xp
-- requires: functions/evaluate_achievements
-- requires: functions/submit_level_attempt
-- requires: functions/submit_daily_challenge_attempt
-- requires: functions/close_daily_challenge
-- requires: functions/repair_streaks
-- requires: functions/migrate_legacy_progress
-- requires: functions/authorize
-- requires: functions/tg__append_only
-- requires: functions/tg__audit
-- source: functions/progflow/unlock_challenges.sql sha256:bd04ae86adf3cfad85735ed1fdb19e5ff2bd9f9b6bcba7f8002dc78fbaa3cf04
-- source: functions/progflow/check_and_unlock_challenges.sql sha256:68f684968f2f58f6d0048d34fa9658c27230d38591a2739b702c7b2c9701c877
-- source: functions/progflow/add_xp.sql sha256:9dd1dfa37fe14c2a8edb25159fe4bccefbdf026a70c7783f9ad110fb88c1fc80
-- source: functions/progflow/tg_xp_transactions__written_by_add_xp.sql sha256:99ff43998dd0bd2df7e3308de34fa0b7a095ce78c593cdd695a1a260b5cd43d8
-- source: functions/progflow/unlock_achievements.sql sha256:02225b09fa06b567210738b53cb5d426c9d1846d0e0a6f43147a28c0884c7bb4
-- source: functions/progflow/award_xp.sql sha256:99b4482489b95bfca48471dcb59c08063afc108d7c1d144212197b216e47b0f3
-- source: functions/progflow/evaluate_achievements.sql sha256:a243893fb95d47c072e8d54db518a503b73d9285083f8afa3ac7092b8cc10cba
-- source: functions/progflow/submit_level_attempt.sql sha256:75293c41dd444fbc3f1aa7aefd9ad22f4438f362298e13c7a76d4da903cc65b5
-- source: functions/progflow/submit_daily_challenge_attempt.sql sha256:8b15120d354d7278366baedb4d47f65f50e18664cda2ebb80762b631de98a88b
-- source: functions/progflow/close_daily_challenge.sql sha256:4537fa06ef60624c2753d6f64382a9adf7b37f41330428b847ccb6c9728994a2
-- source: functions/progflow/repair_streaks.sql sha256:afa6bccb28baca3c08c5f3a1f5ab10472543ae1fd20d55c89e424a25540043ff
-- source: functions/progflow/migrate_legacy_progress.sql sha256:cbce15346572c1fc9b11fec488ae901c3bf203c7cc5895cda11e79066066f2e1
-- source: functions/progflow/authorize.sql sha256:fe59b11b94f516a213843cbd42ec0c696e2aeed90073b536c4237883ab41239d
-- source: functions/progflow/tg__append_only.sql sha256:608a0744ecda213beb6ccaa2d386e7d4b7bb3917b03716e8594c74ab82afd468
-- source: functions/progflow/tg__audit.sql sha256:792929d51e531b415e1d06841eea15dcf15363108c2800a7c27145e5f381da8c
-- source: sql/progflow/tables/audit_log.sql sha256:181803b3abbeff11ebc8f8d040cb060479b45831d3111bcace123d9bcacef54e

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The ledger records who wrote each row, as its audit row did: new rows by the columns' defaults.
-- Added without a value, then given their defaults, so no row is rewritten and the lock on the
-- ledger is a moment's; the rows already there get theirs from their audit rows in the next
-- change (xp_transactions-provenance-backfill), which also makes db_role and xact_id NOT NULL.
alter table progflow.xp_transactions add column db_role text;
alter table progflow.xp_transactions add column acting_user uuid;
alter table progflow.xp_transactions add column xact_id xid8;
alter table progflow.xp_transactions alter column db_role set default progflow.calling_role();
alter table progflow.xp_transactions alter column acting_user set default progflow.current_user_id();
alter table progflow.xp_transactions alter column xact_id set default pg_current_xact_id();
-- Holds for every row written from now on; validated once the old rows are filled in.
alter table progflow.xp_transactions
  add constraint xp_transactions_provenance_check check (db_role is not null and xact_id is not null) not valid;

comment on table progflow.xp_transactions is E'The XP ledger: one row per XP change, append-only, each its own audit record (who wrote it: `db_role`, `acting_user`, `xact_id`); `user_stats.total_xp` is its sum, moved in the same transaction by `award_xp`, the only writer. Range-partitioned by month on `created_at` (partitions `xp_transactions_pYYYY_MM`, made ahead by `ensure_partitions`), with a default partition so no insert can fail.';
comment on column progflow.xp_transactions.db_role is E'The database role that wrote the row: the role set with SET ROLE, else the login role (not the owner a SECURITY DEFINER function runs as). Rows written before 0.2.0 carry their audit record''s.';
comment on column progflow.xp_transactions.acting_user is E'The acting user (`progflow.user_id`) of the transaction that wrote the row; NULL for jobs and administrators.';
comment on column progflow.xp_transactions.xact_id is E'The transaction that wrote the row.';
comment on table progflow.audit_log is
  E'Append-only record of every achievement unlock, catalogue and game settings change, and of the XP ledger rows written before 0.2.0 (the ledger records its writers itself since). No foreign key: it outlives the users it names, and holds no personal data (ids only).';
comment on column progflow.audit_log.action is E'achievement (an unlock), insert, update, delete (of a catalogue row, or a repair of user_stats), or xp (a ledger row written before 0.2.0; the ledger records its writers itself since).';

-- The write path: add_xp moves the stats with the ledger row; the engine checks the caller once.
set local check_function_bodies = off;

-- Open every challenge whose prerequisites and unlock rules a user now meets (the engine's step).
/*
  Internal: no role may call it. Its callers have checked the caller and hold the user's lock;
  check_and_unlock_challenges is the public way in. Called on a level-up (add_xp), a completed
  challenge (submit_level_attempt) and an import.
*/
create or replace function progflow.unlock_challenges(p_user_id uuid)
  returns setof uuid
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
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
$$;

revoke all on function progflow.unlock_challenges(uuid) from public;

comment on function progflow.unlock_challenges(uuid) is
  E'Internal (no role may call it): unlocks, for one user whose lock the caller holds, every active challenge whose prerequisites are all completed and whose unlock rules hold, each with its `challenge_unlock` notification, once. `check_and_unlock_challenges` is the public way in.\n\nReturns the ids unlocked by this call.\n\nErrors: none.';

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

-- The engine's one writer of the XP ledger: the row, the total and the level, in one step.
/*
  Internal: no role may call it. Its callers have checked the caller (authorize) and hold the
  user's lock (lock_user), once per call, however many awards the call makes. The stats change
  here, in the same transaction as the ledger row, by a relative update under that lock, so
  Σ ledger = total_xp under any concurrency. The ledger row records who wrote it (the columns'
  defaults: calling role, acting user, transaction), so it is its own audit record.

  The ledger accepts rows from here only (trigger _000_written_by_add_xp): a row written past it
  would leave the total behind. p_at dates the row in the past (an import of history); the
  total moves now, as for any row. Achievements are not evaluated here: every caller calls
  unlock_achievements once with the stats it locked, which sees this XP cross any threshold.
*/
create or replace function progflow.add_xp(
  p_user_id     uuid,
  p_amount      integer,
  p_source_type text,
  p_source_id   text,
  p_description text,
  p_at          timestamptz default null
)
  returns uuid
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_total integer;
  v_level integer;
  v_id uuid;
begin
  update progflow.user_stats s
     set total_xp = s.total_xp + p_amount,
         current_level = progflow.calculate_level_from_xp(s.total_xp + p_amount)
   where s.user_id = p_user_id
     and s.total_xp::bigint + p_amount between 0 and 2147483647
  returning s.total_xp, s.current_level into v_total, v_level;
  if not found then
    select s.total_xp into v_total from progflow.user_stats s where s.user_id = p_user_id;
    if v_total is null then
      raise exception 'user % has no stats row: lock the user first', coalesce(p_user_id::text, 'NULL')
        using errcode = 'no_data_found', hint = 'Call progflow.lock_user before writing XP.';
    elsif p_amount < 0 then
      raise exception 'taking % XP from user % would leave a negative total (they have %)', -p_amount::bigint, p_user_id, v_total
        using errcode = 'invalid_parameter_value', hint = 'A correction can take back at most what the user has.';
    end if;
    raise exception 'awarding % XP to user % would take their total past 2147483647 (they have %)', p_amount, p_user_id, v_total
      using errcode = 'invalid_parameter_value', hint = 'Award at most 2147483647 minus the user''s total.';
  end if;

  perform set_config('progflow.xp_writer', 'add_xp', true);
  insert into progflow.xp_transactions (user_id, amount, source_type, source_id, description, created_at)
  values (p_user_id, p_amount, p_source_type, p_source_id, p_description, coalesce(p_at, now()))
  returning id into v_id;
  perform set_config('progflow.xp_writer', '', true);

  if v_level > progflow.calculate_level_from_xp(v_total - p_amount) then
    perform progflow.unlock_challenges(p_user_id);  -- a level-up may open challenges
  end if;
  return v_id;
end;
$$;

revoke all on function progflow.add_xp(uuid, integer, text, text, text, timestamptz) from public;

comment on function progflow.add_xp(uuid, integer, text, text, text, timestamptz) is
  E'Internal (no role may call it): writes one XP ledger row (dated `p_at`, default now) and moves `user_stats.total_xp` and `current_level` with it, and opens challenges on a level-up. The caller has checked the caller (`authorize`) and holds the user''s lock (`lock_user`); `award_xp` is the public way in.\n\nReturns the ledger row''s id.\n\nErrors: `22023` a total that would go negative or past 2147483647; `P0002` no stats row (the user was not locked); `23502`, `23514`, `22001` a NULL amount or source type, a zero amount or an unknown source type, a source id or description too long for the ledger (`award_xp` checks each first, with `22023`).';

-- Trigger: the XP ledger is written through the engine only, so the totals never fall behind it.
/*
  The total and the level move with the ledger row in add_xp, not in a trigger per row. A row
  inserted any other way (by the owner, by hand) would leave user_stats behind, so it is refused:
  add_xp marks its own insert in the transaction-local setting progflow.xp_writer. Only the owner
  can write the ledger at all; this guards against mistakes, not against the owner. A statement
  trigger: one check per INSERT, however many rows it writes.
*/
create or replace function progflow.tg_xp_transactions__written_by_add_xp()
  returns trigger
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
as $$
begin
  if current_setting('progflow.xp_writer', true) is distinct from 'add_xp' then
    raise exception 'the XP ledger is written by progflow.award_xp only'
      using errcode = 'restrict_violation',
            hint = 'Award or take back XP with progflow.award_xp: it moves user_stats with the ledger.';
  end if;
  return null;
end;
$$;

create or replace trigger _000_written_by_add_xp
  before insert on progflow.xp_transactions
  for each statement execute function progflow.tg_xp_transactions__written_by_add_xp();

revoke all on function progflow.tg_xp_transactions__written_by_add_xp() from public;

comment on function progflow.tg_xp_transactions__written_by_add_xp() is
  E'Trigger function (BEFORE INSERT on `xp_transactions`, statement): refuses a ledger row not written by `add_xp` (through `award_xp` or the engine''s calls), which would leave `user_stats.total_xp` behind the ledger.\n\nErrors: `23001` the row was not written by the engine.';

-- Unlock the achievements whose thresholds a user's counters just crossed (the engine's step).
/*
  Internal: no role may call it. Its callers have checked the caller and hold the user's lock,
  and pass the user's stats row as it was before their changes: an achievement is a candidate
  only when the counter it reads went from below its count to at or above it. A call whose
  changes moved no counter returns after one read of the stats row; otherwise one small query per
  kind of rule that moved (the counters, the first passes by hour) finds the thresholds crossed.
  Small on purpose: a plan that held every kind's subqueries cost more to start than to run. The types that count rows (tracks, fast and unaided completions, daily
  challenges) are evaluated only when the caller names them (it changed what they count).
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
$$;

revoke all on function progflow.unlock_achievements(uuid, progflow.user_stats, text[]) from public;

comment on function progflow.unlock_achievements(uuid, progflow.user_stats, text[]) is
  E'Internal (no role may call it): unlocks, for one user whose lock the caller holds, every active achievement whose counter went from below its count to at or above it between `p_before` (the stats row as the caller locked it) and now, and every achievement of the row-counting types named in `p_counted` (`track_completed`, `fast_completions`, `no_hint_challenges`, `daily_challenges`) that holds now; a NULL `p_before` evaluates every rule. Each unlock writes `user_achievements`, its XP (`add_xp`) and a notification; passes repeat while an unlock''s XP crosses another threshold. `evaluate_achievements` is the public way in.\n\nReturns the slugs unlocked.\n\nErrors: `22023` an achievement''s XP would take the total past 2147483647.';

-- Award (or, with a negative amount, take back) XP: one row in the ledger.
/*
  The public way in to add_xp, for the backend's services and the owner: one caller check, the
  user's lock, the ledger row with the total and the level, and the achievements that XP unlocks.
*/
create or replace function progflow.award_xp(
  p_user_id     uuid,
  p_amount      integer,
  p_source_type text,
  p_source_id   text default null,
  p_description text default null
)
  returns uuid
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_before progflow.user_stats;
  v_id uuid;
begin
  perform progflow.authorize(p_user_id);
  if p_amount is null or p_amount = 0 then
    raise exception 'amount must be a non-zero number of XP, not %', coalesce(p_amount::text, 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Positive amounts award XP; negative ones take it back.';
  end if;
  if p_source_type is null
     or p_source_type not in ('challenge', 'achievement', 'daily', 'streak', 'assessment', 'admin', 'legacy') then
    raise exception 'source_type % is not one the ledger knows', coalesce(quote_literal(p_source_type), 'NULL')
      using errcode = 'invalid_parameter_value',
            hint = 'Use challenge, achievement, daily, streak, assessment, admin or legacy.';
  end if;
  if length(p_source_id) > 255 then
    raise exception 'source_id must have at most 255 characters, not %', length(p_source_id)
      using errcode = 'invalid_parameter_value', hint = 'Pass the id of what earned the XP, such as a level attempt id.';
  end if;
  if length(p_description) > 1000 then
    raise exception 'description must have at most 1000 characters, not %', length(p_description)
      using errcode = 'invalid_parameter_value', hint = 'Describe the award in a sentence.';
  end if;

  v_before := progflow.lock_user(p_user_id);  -- the canonical first lock
  v_id := progflow.add_xp(p_user_id, p_amount, p_source_type, p_source_id, p_description);
  perform progflow.unlock_achievements(p_user_id, v_before, '{}');
  return v_id;
end;
$$;

revoke all on function progflow.award_xp(uuid, integer, text, text, text) from public;
grant execute on function progflow.award_xp(uuid, integer, text, text, text) to progflow_service;

comment on function progflow.award_xp(uuid, integer, text, text, text) is
  E'Writes one XP ledger row, which records the calling role, the acting user and the transaction, and moves `user_stats.total_xp` and `current_level` with it in the same transaction; a level-up opens challenges, and a threshold the new total or level crosses unlocks its achievements.\n\nReturns the ledger row''s id.\n\nErrors: `22023` a NULL user, a zero or NULL amount, an unknown source type, a source id over 255 or a description over 1000 characters, or a total that would go negative or past 2147483647 (the integer the total is kept in); `P0002` unknown user; `42501` the caller may not act for the user.\n\nExample: `select progflow.award_xp(''…user id…'', 50, ''admin'', null, ''Bug bounty'');`';

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
$$;

revoke all on function progflow.submit_level_attempt(uuid, uuid, integer, jsonb, jsonb, numeric, integer, text) from public;
grant execute on function progflow.submit_level_attempt(uuid, uuid, integer, jsonb, jsonb, numeric, integer, text) to progflow_app;

comment on function progflow.submit_level_attempt(uuid, uuid, integer, jsonb, jsonb, numeric, integer, text) is
  E'Records one attempt at a level and everything it causes, atomically: the attempt (numbered per user and level), XP for the first pass only (xp_reward × performance × hints × retries × streak, floored; docs/rules.md), progress (levels_completed sorted, best score, attempts, time), the user''s counters (perfect levels and first passes by local hour among them) and streak, track progress, `level_complete` and streak-milestone notifications, unlocks and achievements. The score is rounded to two decimals first and that value is used everywhere. With an idempotency key, a replay of the same payload (numbers compared by value: 90.0 is 90) returns the first result and records nothing.\n\nReturns attempt_id, attempt_number, passed, xp_earned, level_completed (a first pass), challenge_completed, newly_unlocked (challenge ids), achievements_unlocked (slugs).\n\nErrors: `22023` bad argument (named), among them a score outside 0–100 once rounded, minutes outside 0–1440, or minutes that would take the user''s total past 2147483647; `22P05` (raised when the argument is read, before the call) a JSON argument holding `\\u0000`; `P0002` unknown user, challenge or level; `PF001` challenge locked; `PF002` level locked; `PF003` rate limited (`check_rate_limit`; a replay is not counted); `PF006` idempotency key reused with another payload; `42501` the caller may not act for the user.\n\nExample: `select * from progflow.submit_level_attempt(''…user…'', ''…challenge…'', 1, ''{"nodes": []}'', ''[]'', 92, 25, ''c0ffee-1'');`';

-- A user's one attempt at a daily challenge: XP at once, rank bonus when the day closes.
create or replace function progflow.submit_daily_challenge_attempt(p_user_id uuid, p_date date, p_score numeric)
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_daily progflow.daily_challenges;
  v_xp_base integer;
  v_tz text;
  v_xp integer;
  v_score numeric(5,2);
  v_before progflow.user_stats;
begin
  perform progflow.authorize(p_user_id);
  if p_score is null or round(p_score, 2) not between 0 and 100 then
    raise exception 'score must be between 0 and 100, not %', coalesce(p_score::text, 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Scores are percentages; they are kept to two decimals.';
  end if;
  v_score := round(p_score, 2);  -- the one value stored, priced and ranked
  v_before := progflow.lock_user(p_user_id);
  perform progflow.check_rate_limit(p_user_id);
  select * into v_daily from progflow.daily_challenges d where d.date = p_date for update;
  select coalesce(u.preferences ->> 'timezone', 'UTC') into v_tz from progflow.users u where u.id = p_user_id;
  if v_daily.id is null or v_daily.closed_at is not null or p_date <> (now() at time zone v_tz)::date then
    raise exception 'the daily challenge of % is not open for user %', coalesce(p_date::text, 'NULL'), p_user_id
      using errcode = 'PF005',
            hint = 'A daily challenge is open on its own date (in the user''s time zone) until the day is closed.';
  end if;
  if exists (select from progflow.daily_challenge_attempts a
              where a.user_id = p_user_id and a.daily_challenge_id = v_daily.id) then
    raise exception 'user % already attempted the daily challenge of %', p_user_id, p_date
      using errcode = 'PF005', hint = 'Each user has one attempt per daily challenge.';
  end if;
  select c.xp_base into v_xp_base from progflow.challenges c where c.id = v_daily.challenge_id;
  v_xp := floor(v_xp_base * v_daily.xp_multiplier * v_daily.difficulty_modifier * v_score / 100)::integer;
  insert into progflow.daily_challenge_attempts (user_id, daily_challenge_id, score, xp_earned)
  values (p_user_id, v_daily.id, v_score, v_xp);
  update progflow.daily_challenges d
     set participants_count = d.participants_count + 1,
         average_score = (select round(avg(a.score), 2) from progflow.daily_challenge_attempts a
                           where a.daily_challenge_id = v_daily.id)
   where d.id = v_daily.id;
  if v_xp > 0 then
    perform progflow.add_xp(p_user_id, v_xp, 'daily', v_daily.id::text, format('Daily challenge of %s', p_date));
  end if;
  perform progflow.unlock_achievements(p_user_id, v_before, array['daily_challenges']);
  return v_xp;
end;
$$;

revoke all on function progflow.submit_daily_challenge_attempt(uuid, date, numeric) from public;
grant execute on function progflow.submit_daily_challenge_attempt(uuid, date, numeric) to progflow_app;

comment on function progflow.submit_daily_challenge_attempt(uuid, date, numeric) is
  E'Records a user''s one attempt at the daily challenge of a date (open on that date in the user''s time zone, until closed) and awards floor(xp_base × xp_multiplier × difficulty_modifier × score / 100) XP at once, as a `daily` ledger row. The score is rounded to two decimals first; that value is stored and priced.\n\nReturns the XP awarded.\n\nErrors: `22023` NULL user or a score outside 0–100 once rounded; `P0002` unknown user; `PF003` rate limited (`check_rate_limit`); `PF005` no daily challenge that day, not open, or already attempted; `42501` the caller may not act for the user.\n\nExample: `select progflow.submit_daily_challenge_attempt(''…user…'', current_date, 88);`';

-- Close a day: rank its attempts by score and pay the rank bonuses.
/*
  Lock order: the users of the day's attempts first (lock_user, in id order), then the day's row,
  as submit_daily_challenge_attempt takes them (its user, then the day). An attempt that arrives
  between the two is waited for and ranked; its user is locked when its bonus is paid.
*/
create or replace function progflow.close_daily_challenge(p_date date)
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_daily progflow.daily_challenges;
  v_xp_base integer;
  v_attempt record;
  v_count integer := 0;
  v_before progflow.user_stats;
begin
  select * into v_daily from progflow.daily_challenges d where d.date = p_date;
  if not found then
    raise exception 'there is no daily challenge on %', coalesce(p_date::text, 'NULL')
      using errcode = 'no_data_found', hint = 'Set it first with set_daily_challenge.';
  end if;
  perform progflow.lock_user(a.user_id)
     from progflow.daily_challenge_attempts a where a.daily_challenge_id = v_daily.id order by a.user_id;
  select * into v_daily from progflow.daily_challenges d where d.id = v_daily.id for update;
  if v_daily.closed_at is not null then
    raise exception 'the daily challenge of % was already closed at %', p_date, v_daily.closed_at
      using errcode = 'PF005', hint = 'A day is closed once; its bonuses are paid.';
  end if;
  select c.xp_base into v_xp_base from progflow.challenges c where c.id = v_daily.challenge_id;
  for v_attempt in
    select r.id, r.user_id, r.rank,
           floor(v_xp_base * case when r.rank <= 3 then 0.5 when r.rank <= 10 then 0.3
                                  when r.rank <= 100 then 0.1 else 0 end)::integer as bonus
      from (select a.id, a.user_id, rank() over (order by a.score desc)::integer as rank
              from progflow.daily_challenge_attempts a where a.daily_challenge_id = v_daily.id) r
     order by r.user_id
  loop
    update progflow.daily_challenge_attempts a
       set rank = v_attempt.rank, xp_earned = a.xp_earned + v_attempt.bonus
     where a.id = v_attempt.id;
    if v_attempt.bonus > 0 then
      select * into v_before from progflow.user_stats s where s.user_id = v_attempt.user_id;  -- locked above
      perform progflow.add_xp(v_attempt.user_id, v_attempt.bonus, 'daily', v_daily.id::text,
                              format('Rank %s in the daily challenge of %s', v_attempt.rank, p_date));
      perform progflow.unlock_achievements(v_attempt.user_id, v_before, '{}');
    end if;
    v_count := v_count + 1;
  end loop;
  update progflow.daily_challenges d set closed_at = now() where d.id = v_daily.id;
  return v_count;
end;
$$;

revoke all on function progflow.close_daily_challenge(date) from public;
grant execute on function progflow.close_daily_challenge(date) to progflow_service;

comment on function progflow.close_daily_challenge(date) is
  E'Closes the daily challenge of a date: ranks its attempts by score (RANK(): ties share a rank) and awards a `daily` rank bonus of 50 % of the challenge''s xp_base to ranks 1–3, 30 % to 4–10 and 10 % to 11–100.\n\nReturns the number of attempts ranked.\n\nErrors: `P0002` no daily challenge that day; `PF005` already closed.\n\nExample: `select progflow.close_daily_challenge(current_date - 1);`';

-- Keep the streaks that an outage of the platform broke.
/*
  While the platform was down, nobody could keep a streak. For each user the outage covers local
  days (in their time zone), from the one it began on to the one it ended on. A user whose
  current streak began on one of those days, or on the day after them, after a gap made of the
  outage's days only, and who was active on the day before the outage or on its first day, gets
  the streak they would have had had they been active through it: the run of active days before
  the gap, plus the gap, plus the streak since. streak_started_at moves back to the start of that
  run's first day, so the streak stays within real time (docs/rules.md, Streaks), and a second
  call with the same window finds nothing to repair: the call is idempotent. Each repair is
  audited (an `update` of user_stats with the streak before and after), tells the user (a `streak`
  notification) and may unlock a streak achievement.

  Call it once the day after the outage has ended in every time zone (from 12:00 UTC the day after
  that); a user who comes back on that day after an earlier call is repaired by calling it again.
*/
create or replace function progflow.repair_streaks(p_from timestamptz, p_to timestamptz, p_reason text)
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_user record;
  v_resumed date;      -- the day the current streak began: where the gap ended
  v_last_active date;  -- the last active day before it
  v_before integer;
  v_gap integer;
  v_streak integer;
  v_count integer := 0;
  v_stats progflow.user_stats;  -- as locked, before the repair
begin
  if p_from is null or p_to is null or not isfinite(p_from) or not isfinite(p_to) or p_from >= p_to then
    raise exception 'an outage needs a start before its end, not % to %', coalesce(p_from::text, 'NULL'),
                    coalesce(p_to::text, 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Pass the instants the platform went down and came back.';
  end if;
  if p_to > now() or p_to - p_from > interval '14 days' then
    raise exception 'an outage to repair must have ended and last at most 14 days, not % to %', p_from, p_to
      using errcode = 'invalid_parameter_value',
            hint = 'Repair an outage once it is over; a longer one is not an outage streaks can bridge.';
  end if;
  if p_reason is null or btrim(p_reason) = '' or length(p_reason) > 500 then
    raise exception 'the reason must be 1 to 500 characters, not %',
                    coalesce(length(p_reason)::text || ' characters', 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Say what the outage was, for the audit log.';
  end if;

  for v_user in
    with candidate as (
      select s.user_id, coalesce(u.preferences ->> 'timezone', 'UTC') as tz
        from progflow.user_stats s
        join progflow.users u on u.id = s.user_id
       where s.current_streak_days > 0
         and s.last_activity_date >= (p_to at time zone 'UTC')::date - 1  -- no zone is a day behind UTC's date
    ),

    outage_day as (
      select c.user_id, c.tz, (p_from at time zone c.tz)::date as first_day,
             ((p_to - interval '1 microsecond') at time zone c.tz)::date as last_day
        from candidate c
    )

    select o.user_id, o.tz, o.first_day, o.last_day
      from outage_day o
     order by o.user_id
  loop
    v_stats := progflow.lock_user(v_user.user_id);
    select coalesce((s.streak_started_at at time zone v_user.tz)::date,
                    s.last_activity_date - s.current_streak_days + 1)
      into v_resumed
      from progflow.user_stats s
     where s.user_id = v_user.user_id and s.current_streak_days > 0;
    continue when v_resumed is null
               or v_resumed not between v_user.first_day + 1 and v_user.last_day + 1;
    -- the run of active days that ended before the gap
    with active_day as (
      select distinct (a.created_at at time zone v_user.tz)::date as day
        from progflow.level_attempts a
       where a.user_id = v_user.user_id
         and a.created_at < v_resumed::timestamp at time zone v_user.tz
    ),

    numbered as (
      select d.day, row_number() over (order by d.day desc)::integer as n, max(d.day) over () as last_active
        from active_day d
    )

    select max(n.last_active), count(*) filter (where n.day + n.n = n.last_active + 1)::integer
      into v_last_active, v_before
      from numbered n;
    -- active on the day before the outage or its first day, and a gap of outage days only
    continue when v_last_active is null or v_last_active < v_user.first_day - 1 or v_resumed - v_last_active < 2;
    v_gap := v_resumed - v_last_active - 1;

    update progflow.user_stats s
       set current_streak_days = s.current_streak_days + v_before + v_gap,
           longest_streak_days = greatest(s.longest_streak_days, s.current_streak_days + v_before + v_gap),
           streak_started_at = (v_last_active - v_before + 1)::timestamp at time zone v_user.tz
     where s.user_id = v_user.user_id
    returning s.current_streak_days into v_streak;
    insert into progflow.audit_log (action, object, object_id, user_id, details)
    values ('update', 'user_stats', v_user.user_id::text, v_user.user_id,
            jsonb_build_object('repair', 'outage', 'reason', p_reason, 'outage_from', p_from, 'outage_to', p_to,
                               'current_streak_days', jsonb_build_array(v_streak - v_before - v_gap, v_streak)));
    insert into progflow.notifications (user_id, type, title, message, action_url)
    values (v_user.user_id, 'streak', format('%s-day streak kept', v_streak),
            format('The platform was down from %s to %s; your streak counts those days as practised.',
                   to_char(p_from at time zone v_user.tz, 'YYYY-MM-DD HH24:MI'),
                   to_char(p_to at time zone v_user.tz, 'YYYY-MM-DD HH24:MI')),
            '/progress');
    perform progflow.unlock_achievements(v_user.user_id, v_stats, '{}');
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;

revoke all on function progflow.repair_streaks(timestamptz, timestamptz, text) from public;
grant execute on function progflow.repair_streaks(timestamptz, timestamptz, text) to progflow_service;

comment on function progflow.repair_streaks(timestamptz, timestamptz, text) is
  E'Keeps the streaks an outage of the platform broke (docs/rules.md, Streaks): a user active on the local day before the outage or on its first day, whose current streak began on a later day of the outage or the day after it, after a gap of outage days only, gets the run of active days that ended before the gap, plus the gap, plus the streak since. Idempotent (a repaired streak no longer begins after the outage); each repair is audited (`update` of user_stats, reason and streak before and after), notified (`streak`) and may unlock a streak achievement. Call it once the day after the outage has ended in every zone.\n\nReturns the number of users repaired.\n\nErrors: `22023` a window that is NULL, infinite, empty, not yet over or longer than 14 days, or a reason that is blank or over 500 characters.\n\nExample: `select progflow.repair_streaks(''2026-11-02 09:40Z'', ''2026-11-03 16:05Z'', ''database failover incident 4711'');`';

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

-- The first step of every call made for a user: may the caller act for that user?
/*
  Trusted callers act for any user: superusers, members of the owner role (migrations and jobs)
  and members of progflow_service. Every other caller acts only for the acting user that the
  backend set for the transaction in progflow.user_id. The caller is calling_role(): inside the
  SECURITY DEFINER functions that call this, current_user is the owner and tells nothing.

  The acting user is compared first, as text (the setting as the backend wrote it against the
  id's canonical form): the usual call, a backend acting for its own user, returns there without
  looking up roles. Anything else takes the full path.
*/
create or replace function progflow.authorize(p_user_id uuid)
  returns void
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_caller name;
  v_acting uuid;
begin
  if current_setting('progflow.user_id', true) = p_user_id::text then
    return;
  end if;
  v_caller := progflow.calling_role();
  if pg_has_role(v_caller, 'progflow_service', 'member')
     or pg_has_role(v_caller, (select n.nspowner from pg_namespace n where n.nspname = 'progflow'), 'member') then
    return;
  end if;
  v_acting := progflow.current_user_id();
  if v_acting is null then
    raise exception 'role % has no acting user: set progflow.user_id for the transaction', v_caller
      using errcode = 'insufficient_privilege',
            hint = 'Run select set_config(''progflow.user_id'', ''<user id>'', true) in the transaction first.';
  end if;
  if p_user_id is distinct from v_acting then
    raise exception 'acting user % may not act for user %', v_acting, coalesce(p_user_id::text, 'NULL')
      using errcode = 'insufficient_privilege',
            hint = 'Act only for the user set in progflow.user_id; jobs that act for anyone run as progflow_service.';
  end if;
end;
$$;

revoke all on function progflow.authorize(uuid) from public;

comment on function progflow.authorize(uuid) is
  E'Checks that the caller may act for a user: trusted callers (superusers, the owner, members of `progflow_service`) act for anyone; others only for the acting user set in `progflow.user_id`. Called first by every SECURITY DEFINER function that acts for a user.\n\nErrors: `42501` no acting user, or another user than the acting one; `22P02` the setting is not a uuid.\n\nExample: `select progflow.authorize(''…user id…'');`';

-- Trigger: the XP ledger and the audit log are append-only.
/*
  UPDATE, DELETE and TRUNCATE are refused; a wrong XP row is corrected by a compensating row
  (award_xp with a negative amount). TRUNCATE needs a statement trigger of its own: it skips row
  triggers. One deletion is allowed, the erasure of a user: deleting a user cascades to their
  ledger rows, and a ledger row whose user no longer exists may go. The audit log names users by
  id only and has no foreign key, so it keeps its rows when a user is erased.
*/
create or replace function progflow.tg__append_only()
  returns trigger
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
as $$
begin
  if TG_OP = 'DELETE' and TG_ARGV[1] = 'erased_with_user'
     and not exists (select from progflow.users u where u.id = OLD.user_id) then
    return OLD;  -- the user is being erased
  end if;
  if TG_OP = 'UPDATE' and TG_ARGV[1] = 'erased_with_user' and OLD.db_role is null
     and NEW.db_role is not null and NEW.xact_id is not null
     and to_jsonb(NEW) - array['db_role', 'acting_user', 'xact_id'] = to_jsonb(OLD) - array['db_role', 'acting_user', 'xact_id'] then
    return NEW;  -- provenance filled in for a row written before the ledger kept it
  end if;
  raise exception '% is append-only: % is refused', TG_ARGV[0], TG_OP
    using errcode = 'restrict_violation',
          hint = case when TG_ARGV[1] = 'erased_with_user'
                      then 'Correct XP with a compensating row: progflow.award_xp with a negative amount.'
                      else 'Nothing changes or removes an audit row.' end;
end;
$$;

create or replace trigger _000_append_only
  before update or delete on progflow.xp_transactions
  for each row execute function progflow.tg__append_only('the XP ledger', 'erased_with_user');

create or replace trigger _000_append_only_truncate
  before truncate on progflow.xp_transactions
  for each statement execute function progflow.tg__append_only('the XP ledger');

create or replace trigger _000_append_only
  before update or delete on progflow.audit_log
  for each row execute function progflow.tg__append_only('the audit log');

create or replace trigger _000_append_only_truncate
  before truncate on progflow.audit_log
  for each statement execute function progflow.tg__append_only('the audit log');

revoke all on function progflow.tg__append_only() from public;

comment on function progflow.tg__append_only() is
  E'Trigger function (BEFORE UPDATE or DELETE, row, and BEFORE TRUNCATE, statement, on `xp_transactions` and `audit_log`): refuses every change but the deletion of a deleted user''s ledger rows and the filling in of a ledger row''s missing provenance (`db_role`, `acting_user`, `xact_id`, for rows written before 0.2.0).\n\nErrors: `23001` the table is append-only.';

-- Trigger: every achievement unlock, catalogue and game settings change gets an audit row.
/*
  The audit row records the calling role and the acting user (audit_log's defaults), what was
  written and its id, never personal data. A catalogue update that changes nothing (a seed run
  again) is not logged. The row is read as JSON: one function serves tables of different shapes.
  The XP ledger has no audit row: each of its rows records its writer itself (db_role,
  acting_user, xact_id), as audit_log would.
*/
create or replace function progflow.tg__audit()
  returns trigger
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_row jsonb := to_jsonb(case when TG_OP = 'DELETE' then OLD else NEW end);
  v_changed jsonb;
begin
  if TG_ARGV[0] = 'achievement' then
    insert into progflow.audit_log (action, object, object_id, user_id, details)
    values ('achievement', 'user_achievements', v_row ->> 'id', (v_row ->> 'user_id')::uuid,
            jsonb_build_object('achievement_id', v_row -> 'achievement_id'));
  else
    if TG_OP = 'UPDATE' then
      select jsonb_agg(n.key order by n.key) into v_changed
        from jsonb_each(v_row) n where n.value is distinct from to_jsonb(OLD) -> n.key;
      if v_changed is null then
        return null;
      end if;
    end if;
    insert into progflow.audit_log (action, object, object_id, details)
    values (lower(TG_OP), TG_TABLE_NAME, v_row ->> 'id',
            jsonb_strip_nulls(jsonb_build_object('slug', v_row -> 'slug', 'challenge_id', v_row -> 'challenge_id',
                                                 'level_number', v_row -> 'level_number', 'changed', v_changed)));
  end if;
  return null;
end;
$$;

create or replace trigger _900_audit
  after insert on progflow.user_achievements
  for each row execute function progflow.tg__audit('achievement');

create or replace trigger _900_audit
  after insert or update or delete on progflow.learning_tracks
  for each row execute function progflow.tg__audit('catalogue');

create or replace trigger _900_audit
  after insert or update or delete on progflow.challenges
  for each row execute function progflow.tg__audit('catalogue');

create or replace trigger _900_audit
  after insert or update or delete on progflow.challenge_levels
  for each row execute function progflow.tg__audit('catalogue');

create or replace trigger _900_audit
  after insert or update or delete on progflow.skills
  for each row execute function progflow.tg__audit('catalogue');

create or replace trigger _900_audit
  after insert or update or delete on progflow.achievements
  for each row execute function progflow.tg__audit('catalogue');

create or replace trigger _900_audit
  after insert or update or delete on progflow.assessment_questions
  for each row execute function progflow.tg__audit('catalogue');

create or replace trigger _900_audit
  after insert or update or delete on progflow.game_settings
  for each row execute function progflow.tg__audit('catalogue');

revoke all on function progflow.tg__audit() from public;

comment on function progflow.tg__audit() is
  E'Trigger function (AFTER INSERT on `user_achievements`; AFTER INSERT, UPDATE or DELETE on the catalogue tables and `game_settings`; row): writes the `audit_log` row of the change.\n\nErrors: none.';

-- The stats move in add_xp now, and the ledger row is its own audit record.
drop trigger _500_apply_to_stats on progflow.xp_transactions;
-- A trigger function, which no client calls.
-- squawk-ignore ban-drop-function
drop function progflow.tg_xp_transactions__apply_to_stats();
drop trigger _900_audit on progflow.xp_transactions;

commit;
