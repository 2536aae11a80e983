-- Import progress from a table shaped like the original design's old_progress_table, in one call.
/*
  The whole import in the caller's transaction: legacy_import_start, then legacy_import_step until
  it returns 0. For small tables and scripts; `progflow import-legacy` (steps that commit, resumable,
  a users input, a report) is the way for a platform's data.
*/
create or replace function progflow.migrate_legacy_progress(p_source regclass)
  returns integer
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_import bigint := progflow.legacy_import_start(p_source);
begin
  loop
    exit when progflow.legacy_import_step(v_import, 1000) = 0;
  end loop;
  return (select count(*) from progflow.legacy_import_progress x
           where x.import_id = v_import and x.outcome in ('imported', 'merged'));
end;
$$;

revoke all on function progflow.migrate_legacy_progress(regclass) from public;

comment on function progflow.migrate_legacy_progress(regclass) is
  E'Imports progress from a legacy table with columns user_id (a progflow user id, or an old id an earlier import mapped), problem_id (challenge slug), completed_levels and total_xp, in one transaction: legacy_import_start, then legacy_import_step until done. Every row gets an outcome and reason in `legacy_import_progress` (the import is the latest in `legacy_imports`); rows that cannot be imported are rejected there, not raised. A second run imports nothing. The rules: docs/rules.md, "Moving in from the old system".\n\nReturns the rows that brought progress (imported or merged).\n\nErrors: `22023` NULL source or missing columns; `55000` another import has not finished.\n\nExample: `select progflow.migrate_legacy_progress(''public.old_progress_table'');`';
