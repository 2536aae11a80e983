-- Partition maintenance: make the monthly partitions of the partitioned tables ahead of time.
/*
  Months are calendar months in UTC. A partition is created for the current month, for each of the
  next `months_ahead` months and for each of the `months_back` months before it (for loading
  history), for every table of the list below, unless it exists already.

  Why rows are moved first: the default partition catches inserts that no monthly partition takes.
  PostgreSQL refuses to create a partition whose range already has rows in the default partition,
  so those rows are moved into a new table that is then attached, all in the caller's transaction.
  The default partition is detached meanwhile: its row triggers (the ledger's append-only and
  audit triggers) must not take the move for a deletion or for new rows.
*/
create or replace function progflow.ensure_partitions(months_ahead integer default 3, months_back integer default 0)
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_parent text;
  v_from timestamptz;
  v_to timestamptz;
  v_name text;
  v_has_rows boolean;
  v_created integer := 0;
begin
  if months_ahead is null or months_ahead < 0 or months_ahead > 120 then
    raise exception 'months_ahead must be between 0 and 120, not %', coalesce(months_ahead::text, 'NULL')
      using errcode = 'invalid_parameter_value',
            hint = 'Pass how many months after the current one should have a partition, such as 3.';
  end if;
  if months_back is null or months_back < 0 or months_back > 120 then
    raise exception 'months_back must be between 0 and 120, not %', coalesce(months_back::text, 'NULL')
      using errcode = 'invalid_parameter_value',
            hint = 'Pass how many months before the current one should have a partition, 0 unless loading history.';
  end if;

  foreach v_parent in array array['level_attempts', 'xp_transactions'] loop
    for v_month in -months_back .. months_ahead loop
      v_from := (date_trunc('month', now() at time zone 'UTC') + make_interval(months => v_month)) at time zone 'UTC';
      v_to := (date_trunc('month', now() at time zone 'UTC') + make_interval(months => v_month + 1)) at time zone 'UTC';
      v_name := format('%s_p%s', v_parent, to_char(v_from at time zone 'UTC', 'YYYY_MM'));
      continue when to_regclass(format('progflow.%I', v_name)) is not null;

      execute format('select exists (select from progflow.%I where created_at >= $1 and created_at < $2)',
                     v_parent || '_default')
        into v_has_rows using v_from, v_to;
      if v_has_rows then
        -- Detached, the default partition has no row triggers: moving rows is not a delete from the
        -- (append-only) ledger, and their copies are not new ledger rows.
        execute format('alter table progflow.%I detach partition progflow.%I', v_parent, v_parent || '_default');
        execute format('create table progflow.%I (like progflow.%I including defaults including constraints)',
                       v_name, v_parent);
        execute format('with moved as (delete from progflow.%I where created_at >= $1 and created_at < $2 returning *)
                        insert into progflow.%I select * from moved', v_parent || '_default', v_name)
          using v_from, v_to;
        execute format('alter table progflow.%I attach partition progflow.%I default', v_parent, v_parent || '_default');
        execute format('alter table progflow.%I attach partition progflow.%I for values from (%L) to (%L)',
                       v_parent, v_name, v_from, v_to);
      else
        execute format('create table progflow.%I partition of progflow.%I for values from (%L) to (%L)',
                       v_name, v_parent, v_from, v_to);
      end if;
      execute format('comment on table progflow.%I is %L', v_name,
                     format('Partition of %s for %s (UTC), made by ensure_partitions.',
                            v_parent, to_char(v_from at time zone 'UTC', 'YYYY-MM')));
      v_created := v_created + 1;
    end loop;
  end loop;
  return v_created;
end;
$$;

revoke all on function progflow.ensure_partitions(integer, integer) from public;
grant execute on function progflow.ensure_partitions(integer, integer) to progflow_service;

comment on function progflow.ensure_partitions(integer, integer) is
  E'Creates the monthly partitions of `level_attempts` and `xp_transactions` for the current month (UTC), the next `months_ahead` months and the `months_back` months before it, where missing. Rows already caught by a default partition for such a month are moved into the new partition.\n\nReturns the number of partitions created (0 when all exist).\n\nErrors: `22023` months_ahead or months_back is NULL, negative or over 120.\n\nExample: `select progflow.ensure_partitions(6);`';
