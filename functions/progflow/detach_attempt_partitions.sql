-- Partition maintenance: detach the monthly partitions of level_attempts before a date, for archiving.
/*
  Only attempts: the engine reads no attempt history but a level's own attempts (for the next
  attempt number and the failures before a first pass), so detached months change nothing else.
  The ledger stays whole: user_stats.total_xp is its sum.

  Plain DETACH, not CONCURRENTLY: PostgreSQL refuses CONCURRENTLY while a default partition
  exists, and it cannot run in a function. DETACH takes an ACCESS EXCLUSIVE lock on
  level_attempts for a moment (a catalogue change, no data is read or moved), so the call waits
  at most lock_timeout (5s unless the caller set one) behind running transactions instead of
  queueing every request behind itself. A detached month is renamed `<partition>_detached`, so
  that ensure_partitions can make that month's partition again if asked to; it keeps its rows
  and indexes, and no role but the owner can read it. Dump it, then drop it.
*/
create or replace function progflow.detach_attempt_partitions(p_before date)
  returns setof text
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_current date := date_trunc('month', now() at time zone 'UTC')::date;
  v_partition text;
begin
  if p_before is null or p_before > v_current then
    raise exception 'only months before the current one (%) can be detached, not months before %',
                    v_current, coalesce(p_before::text, 'NULL')
      using errcode = 'invalid_parameter_value',
            hint = 'Pass the first day whose month stays attached, such as (date_trunc(''month'', now()) - interval ''12 months'')::date.';
  end if;
  if current_setting('lock_timeout') = '0' then
    perform set_config('lock_timeout', '5s', true);
  end if;

  for v_partition in
    select c.relname
      from pg_catalog.pg_inherits i
      join pg_catalog.pg_class c on c.oid = i.inhrelid
     where i.inhparent = 'progflow.level_attempts'::regclass
       and c.relname ~ '^level_attempts_p[0-9]{4}_[0-9]{2}$'
       and to_date(substr(c.relname, 17), 'YYYY_MM') + interval '1 month' <= p_before
     order by c.relname
  loop
    execute format('alter table progflow.level_attempts detach partition progflow.%I', v_partition);
    execute format('alter table progflow.%I rename to %I', v_partition, v_partition || '_detached');
    execute format('comment on table progflow.%I is %L', v_partition || '_detached',
                   format('Attempts of %s (UTC), detached from level_attempts by detach_attempt_partitions on %s.',
                          to_char(to_date(substr(v_partition, 17), 'YYYY_MM'), 'YYYY-MM'), current_date));
    return next v_partition || '_detached';
  end loop;
end;
$$;

revoke all on function progflow.detach_attempt_partitions(date) from public;

comment on function progflow.detach_attempt_partitions(date) is
  E'Detaches every monthly partition of `level_attempts` whose month ends on or before `p_before` and renames it `<partition>_detached` (rows and indexes kept; readable by the owner only), for archiving. The owner''s to run; waits at most `lock_timeout` (5s when unset) for its brief ACCESS EXCLUSIVE lock. After it, a level''s attempt numbers and the failures that lower a first pass''s XP count only the attached months; nothing else the engine computes changes. The ledger is never detached.\n\nReturns the names of the detached tables (none when no month qualifies).\n\nErrors: `22023` p_before is NULL or after the first day of the current month (UTC); `55P03` the lock was not granted within lock_timeout.\n\nExample: `select * from progflow.detach_attempt_partitions((date_trunc(''month'', now()) - interval ''12 months'')::date);`';
