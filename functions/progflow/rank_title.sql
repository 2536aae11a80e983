-- Rank title of a player level.
/*
  Without a pinned search_path, so that the planner inlines it into the reads that show a title
  (the dashboard, profiles, boards); its operators are named by schema instead, as in
  calculate_level_from_xp. NULL for NULL, as when it was strict.
*/
create or replace function progflow.rank_title(level integer)
  returns text
  language sql
  immutable
  parallel safe
as $$
  select case
    when level operator(pg_catalog.>=) 150 then 'Grandmaster'
    when level operator(pg_catalog.>=) 100 then 'Master'
    when level operator(pg_catalog.>=) 90 then 'Diamond'
    when level operator(pg_catalog.>=) 80 then 'Platinum III'
    when level operator(pg_catalog.>=) 70 then 'Platinum II'
    when level operator(pg_catalog.>=) 60 then 'Platinum I'
    when level operator(pg_catalog.>=) 50 then 'Gold III'
    when level operator(pg_catalog.>=) 45 then 'Gold II'
    when level operator(pg_catalog.>=) 40 then 'Gold I'
    when level operator(pg_catalog.>=) 35 then 'Silver III'
    when level operator(pg_catalog.>=) 30 then 'Silver II'
    when level operator(pg_catalog.>=) 25 then 'Silver I'
    when level operator(pg_catalog.>=) 20 then 'Bronze III'
    when level operator(pg_catalog.>=) 15 then 'Bronze II'
    when level operator(pg_catalog.>=) 10 then 'Bronze I'
    when level operator(pg_catalog.>=) 5 then 'Apprentice'
    when level is not null then 'Novice'
  end
$$;

revoke all on function progflow.rank_title(integer) from public;
grant execute on function progflow.rank_title(integer) to progflow_readonly;

comment on function progflow.rank_title(integer) is
  E'Rank title of a player level: Novice from 1, Apprentice 5, Bronze I/II/III 10/15/20, Silver I/II/III 25/30/35, Gold I/II/III 40/45/50, Platinum I/II/III 60/70/80, Diamond 90, Master 100, Grandmaster 150. NULL for NULL.\n\nErrors: none.\n\nExample: `select progflow.rank_title(42);` → Gold I';
