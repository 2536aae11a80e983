-- Verify progflow:user_challenge_progress-completion-date-index on pg

begin;

-- The index exists and is valid (a failed concurrent build leaves an invalid one).
select 1 / (count(*) = 1)::integer
  from pg_catalog.pg_index i
 where i.indexrelid = 'progflow.user_challenge_progress_completion_date_idx'::regclass and i.indisvalid;

rollback;
