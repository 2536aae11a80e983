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
