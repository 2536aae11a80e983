-- Deploy progflow:functions/award_xp to pg
-- requires: functions/tg_xp_transactions__apply_to_stats
-- requires: functions/authorize
-- source: functions/progflow/award_xp.sql sha256:b59d514c39f9d7becc186d48ad3162d51592aec618ceb784df6dcff392944e2e

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Award (or, with a negative amount, take back) XP: one row in the ledger.
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
  v_total integer;
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

  v_total := (progflow.lock_user(p_user_id)).total_xp;  -- the canonical first lock
  if v_total + p_amount < 0 then
    raise exception 'taking % XP from user % would leave a negative total (they have %)', -p_amount, p_user_id, v_total
      using errcode = 'invalid_parameter_value', hint = 'A correction can take back at most what the user has.';
  end if;

  insert into progflow.xp_transactions (user_id, amount, source_type, source_id, description)
  values (p_user_id, p_amount, p_source_type, p_source_id, p_description)
  returning id into v_id;
  return v_id;
end;
$$;

revoke all on function progflow.award_xp(uuid, integer, text, text, text) from public;
grant execute on function progflow.award_xp(uuid, integer, text, text, text) to progflow_service;

comment on function progflow.award_xp(uuid, integer, text, text, text) is
  E'Writes one XP ledger row; the ledger trigger then updates `user_stats.total_xp` and `current_level` (and opens challenges on a level-up).\n\nReturns the ledger row''s id.\n\nErrors: `22023` a NULL user, a zero or NULL amount, an unknown source type, a source id over 255 or a description over 1000 characters, or a total that would go negative; `P0002` unknown user; `42501` the caller may not act for the user.\n\nExample: `select progflow.award_xp(''…user id…'', 50, ''admin'', null, ''Bug bounty'');`';

commit;
