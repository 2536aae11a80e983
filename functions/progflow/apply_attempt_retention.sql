-- Job: detach the months of attempts older than the retention the owner set.
create or replace function progflow.apply_attempt_retention()
  returns integer
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_months integer;
  v_count integer;
begin
  select g.attempt_retention_months into v_months from progflow.game_settings g;
  if v_months is null then
    return 0;
  end if;
  select count(*) into v_count
    from progflow.detach_attempt_partitions(
           (date_trunc('month', now() at time zone 'UTC') - make_interval(months => v_months))::date);
  return v_count;
end;
$$;

revoke all on function progflow.apply_attempt_retention() from public;

comment on function progflow.apply_attempt_retention() is
  E'Detaches (detach_attempt_partitions) the monthly partitions of `level_attempts` before the last `game_settings.attempt_retention_months` months (UTC) and the current one; nothing while that setting is NULL, the default. The owner''s to run; the job `attempt-retention` runs it daily.\n\nReturns the number of partitions detached.\n\nErrors: `55P03` a partition''s lock was not granted within lock_timeout.\n\nExample: `update progflow.game_settings set attempt_retention_months = 24; select progflow.apply_attempt_retention();`';
