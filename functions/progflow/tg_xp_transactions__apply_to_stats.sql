-- Trigger: the ledger drives user_stats.total_xp and current_level.
/*
  A relative UPDATE (total_xp = total_xp + amount) under the row lock: concurrent awards cannot
  lose each other's XP, as a read-then-write would. A user without a stats row gets one.
*/
create or replace function progflow.tg_xp_transactions__apply_to_stats()
  returns trigger
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_old_level integer;
  v_new_level integer;
begin
  v_old_level := (progflow.lock_user(NEW.user_id)).current_level;  -- creates a missing stats row
  update progflow.user_stats s
     set total_xp = s.total_xp + NEW.amount,
         current_level = progflow.calculate_level_from_xp(s.total_xp + NEW.amount)
   where s.user_id = NEW.user_id
  returning s.current_level into v_new_level;
  if v_new_level > v_old_level then
    perform progflow.check_and_unlock_challenges(NEW.user_id);  -- a level-up may open challenges
  end if;
  return null;
end;
$$;

create or replace trigger _500_apply_to_stats
  after insert on progflow.xp_transactions
  for each row execute function progflow.tg_xp_transactions__apply_to_stats();

revoke all on function progflow.tg_xp_transactions__apply_to_stats() from public;

comment on function progflow.tg_xp_transactions__apply_to_stats() is
  E'Trigger function (AFTER INSERT on `xp_transactions`, row): adds the amount to `user_stats.total_xp`, recomputes `current_level`, creates the stats row when missing, and re-checks unlocks on a level-up.';
