-- Set the challenge of a date, or pick one deterministically from the date.
create or replace function progflow.set_daily_challenge(p_date date, p_challenge_id uuid default null)
  returns uuid
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_daily progflow.daily_challenges;
  v_challenge uuid := p_challenge_id;
begin
  if p_date is null then
    raise exception 'date must not be NULL'
      using errcode = 'invalid_parameter_value', hint = 'Pass the calendar date of the daily challenge.';
  end if;
  if v_challenge is not null and not exists (select from progflow.challenges c where c.id = v_challenge and c.is_active) then
    raise exception 'challenge % does not exist or was retired', v_challenge
      using errcode = 'no_data_found', hint = 'Check the id against progflow.challenges (is_active).';
  end if;
  select * into v_daily from progflow.daily_challenges d where d.date = p_date for update;
  if found then
    if v_challenge is null or v_challenge = v_daily.challenge_id then
      return v_daily.id;  -- already set: setting it again is harmless
    end if;
    if v_daily.participants_count > 0 or v_daily.closed_at is not null then
      raise exception 'the daily challenge of % already has attempts and cannot change', p_date
        using errcode = 'PF005', hint = 'Change a daily challenge before anyone attempts it.';
    end if;
    update progflow.daily_challenges d set challenge_id = v_challenge where d.id = v_daily.id;
    return v_daily.id;
  end if;
  if v_challenge is null then
    select c.id into v_challenge
      from progflow.challenges c
     where c.is_active
       and not exists (select from progflow.daily_challenges d
                        where d.challenge_id = c.id and d.date between p_date - 7 and p_date - 1)
     order by md5(p_date::text || c.slug)
     limit 1;
    if v_challenge is null then
      raise exception 'no active challenge is free for %: every one was daily in the 7 days before', p_date
        using errcode = 'no_data_found', hint = 'Name the challenge explicitly, or add challenges to the catalogue.';
    end if;
  end if;
  insert into progflow.daily_challenges (challenge_id, date) values (v_challenge, p_date)
  returning id into v_daily.id;
  return v_daily.id;
end;
$$;

revoke all on function progflow.set_daily_challenge(date, uuid) from public;
grant execute on function progflow.set_daily_challenge(date, uuid) to progflow_service;

comment on function progflow.set_daily_challenge(date, uuid) is
  E'Sets the daily challenge of a date (xp_multiplier 2.0). Without a challenge, picks one deterministically from the date among active challenges that were not daily in the 7 days before. Setting a date again returns its id; changing its challenge is refused once it has attempts.\n\nReturns the daily challenge''s id.\n\nErrors: `22023` NULL date; `P0002` unknown or retired challenge, or none free; `PF005` the day already has attempts.\n\nExample: `select progflow.set_daily_challenge(current_date);`';
