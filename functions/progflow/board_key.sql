-- A stored board's value as one number: the board's date and the value.
/*
  leaderboard_page joins an entry to the rank of its value on its board. Written as two conditions
  (the date, NULL for all_time, and the value), the planner multiplies their selectivities as if
  they were independent, expects a handful of rows from a board of thousands, and reads the whole
  board to sort it; as one equality on this number, with an index on it on both sides, it reads a
  page in rank order: the board's values by rank, then the entries of each. The date's day number
  (9999-12-31 for all_time) fills the high 32 bits, the value (0 to 2^31 − 1) the low ones, so on one
  board the order of the key is the order of the value. Without a pinned search_path and with its
  operators named by schema, so that the planner inlines it into the index expressions and the view.
*/
create or replace function progflow.board_key(p_period_date date, p_metric_value integer)
  returns bigint
  language sql
  immutable
  parallel safe
as $$
  select ((coalesce(p_period_date, date '9999-12-31') operator(pg_catalog.-) date '2000-01-01')::bigint
          operator(pg_catalog.<<) 32) operator(pg_catalog.+) p_metric_value
$$;

revoke all on function progflow.board_key(date, integer) from public;
grant execute on function progflow.board_key(date, integer) to progflow_readonly;

comment on function progflow.board_key(date, integer) is
  E'A stored board''s date (NULL for all_time) and a value as one bigint: the day number of the date (9999-12-31 for NULL) in the high 32 bits, the value in the low ones. leaderboard_page joins an entry to its rank on it (one equality the planner estimates well, indexed on both tables). NULL for a NULL value.\n\nErrors: none.\n\nExample: `select progflow.board_key(''2026-11-30'', 250);`';
