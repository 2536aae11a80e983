-- Revert progflow:functions/rank_title from pg: deploys the version of @v0.1.0 again
-- requires: schema

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Rank title of a player level.
create or replace function progflow.rank_title(level integer)
  returns text
  language sql
  immutable
  strict
  parallel safe
  set search_path = pg_catalog, pg_temp
as $$
  select case
    when level >= 150 then 'Grandmaster'
    when level >= 100 then 'Master'
    when level >= 90 then 'Diamond'
    when level >= 80 then 'Platinum III'
    when level >= 70 then 'Platinum II'
    when level >= 60 then 'Platinum I'
    when level >= 50 then 'Gold III'
    when level >= 45 then 'Gold II'
    when level >= 40 then 'Gold I'
    when level >= 35 then 'Silver III'
    when level >= 30 then 'Silver II'
    when level >= 25 then 'Silver I'
    when level >= 20 then 'Bronze III'
    when level >= 15 then 'Bronze II'
    when level >= 10 then 'Bronze I'
    when level >= 5 then 'Apprentice'
    else 'Novice'
  end
$$;

revoke all on function progflow.rank_title(integer) from public;
grant execute on function progflow.rank_title(integer) to progflow_readonly;

comment on function progflow.rank_title(integer) is
  E'Rank title of a player level: Novice from 1, Apprentice 5, Bronze I/II/III 10/15/20, Silver I/II/III 25/30/35, Gold I/II/III 40/45/50, Platinum I/II/III 60/70/80, Diamond 90, Master 100, Grandmaster 150. NULL for NULL.\n\nErrors: none.\n\nExample: `select progflow.rank_title(42);` → Gold I';

commit;
