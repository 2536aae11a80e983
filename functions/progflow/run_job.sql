-- Run one job of progflow.jobs: its lock, its call, its outcome in job_runs.
/*
  Both runners call this: pg_cron (`progflow jobs install`) and `progflow jobs run`. One runner at
  a time per job: the job's transaction-level advisory lock is tried, not waited for, and a second
  runner that finds it taken logs a skip and returns at once. The call runs in a subtransaction:
  when it fails, its work is rolled back and the failure (SQLSTATE, message, detail, hint) is
  logged, so the run log is written either way and one job's failure never stops another; the
  job runs again when next due. Everything happens in the caller's transaction: a server that
  dies mid-run leaves neither the work nor its log row.

  A runner that decided a job is due passes the start of the job's last run it saw
  (p_unless_run_since): if another runner has run the job since (a run started after it),
  this call skips it instead of running it a second time. pg_cron passes nothing.

  The call gets one parameter, $1: the start of the job's last successful run (NULL before the
  first), for jobs that catch up from there. Runs older than 30 days are pruned, except the last
  success, which that parameter needs.
*/
create or replace function progflow.run_job(p_name text, p_unless_run_since timestamptz default null)
  returns progflow.job_runs
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_job progflow.jobs;
  v_run progflow.job_runs;
  v_since timestamptz;
  v_started timestamptz := clock_timestamp();
  v_outcome text := 'succeeded';
  v_result text;
  v_code text;
  v_error text;
  v_detail text;
  v_hint text;
begin
  select * into v_job from progflow.jobs j where j.name = p_name;
  if not found then
    raise exception 'there is no job %', coalesce(quote_literal(p_name), 'NULL')
      using errcode = 'no_data_found', hint = 'The jobs are listed in progflow.jobs (progflow jobs status).';
  end if;
  if not v_job.enabled then
    v_outcome := 'skipped';
    v_result := 'disabled';
  elsif not pg_try_advisory_xact_lock(hashtext('progflow.jobs'), hashtext(v_job.name)) then
    v_outcome := 'skipped';
    v_result := 'another runner is running it';
  elsif exists (select from progflow.job_runs r
                 where r.job_name = v_job.name and r.outcome <> 'skipped' and r.started_at > p_unless_run_since) then
    v_outcome := 'skipped';
    v_result := 'another runner ran it';
  else
    select max(r.started_at) into v_since
      from progflow.job_runs r where r.job_name = v_job.name and r.outcome = 'succeeded';
    begin
      -- lint: allow security (the call is the owner's: only the owner writes progflow.jobs)
      execute v_job.call into v_result using v_since;
    exception when others then
      get stacked diagnostics v_code = returned_sqlstate, v_error = message_text,
                              v_detail = pg_exception_detail, v_hint = pg_exception_hint;
      v_outcome := 'failed';
      v_result := null;
      v_error := concat_ws(E'\n', v_error, 'DETAIL: ' || nullif(v_detail, ''), 'HINT: ' || nullif(v_hint, ''));
    end;
  end if;

  insert into progflow.job_runs (job_name, started_at, finished_at, outcome, result, error_code, error, runner)
  values (v_job.name, v_started, clock_timestamp(), v_outcome, v_result, v_code, v_error,
          coalesce(nullif(current_setting('application_name'), ''),
                   (select a.backend_type from pg_catalog.pg_stat_activity a where a.pid = pg_backend_pid())))
  returning * into v_run;
  delete from progflow.job_runs r
   where r.job_name = v_job.name and r.started_at < v_started - interval '30 days'
     and r.started_at is distinct from v_since;
  return v_run;
end;
$$;

revoke all on function progflow.run_job(text, timestamptz) from public;
grant execute on function progflow.run_job(text, timestamptz) to progflow_service;

comment on function progflow.run_job(text, timestamptz) is
  E'Runs one job of `progflow.jobs` now, whatever its schedule, and logs the run in `job_runs`: `succeeded` with the first value its call returned; `failed` with its SQLSTATE and message, its work rolled back (it is not raised: the log row is kept and other jobs go on); `skipped` when the job is disabled, another session is running it (one runner at a time per job, never waiting), or a run of it started after `p_unless_run_since` (a runner passes the last start it saw, so that a job another runner ran meanwhile is not run twice). The call runs as the owner with `$1` = the start of the job''s last successful run. Runs older than 30 days are pruned, except the last success. pg_cron and `progflow jobs run` both run jobs through it.\n\nReturns the job_runs row written.\n\nErrors: `P0002` no job of that name.\n\nExample: `select outcome, result, error from progflow.run_job(''board-daily'');`';
