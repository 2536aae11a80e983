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
