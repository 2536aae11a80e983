-- Revert progflow:partitions from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Detach every monthly partition, move its rows into the default partition, then drop it:
-- nothing is lost, and the tables go back to their single default partition.
do $$
declare
  v_parent text;
  v_child text;
begin
  foreach v_parent in array array['level_attempts', 'xp_transactions'] loop
    for v_child in
      select c.relname
        from pg_catalog.pg_inherits i
        join pg_catalog.pg_class c on c.oid = i.inhrelid
       where i.inhparent = format('progflow.%I', v_parent)::regclass
         and c.relname ~ ('^' || v_parent || '_p[0-9]{4}_[0-9]{2}$')
    loop
      execute format('alter table progflow.%I detach partition progflow.%I', v_parent, v_child);
      execute format('insert into progflow.%I select * from progflow.%I', v_parent, v_child);
      execute format('drop table progflow.%I', v_child);
    end loop;
  end loop;
end;
$$;

commit;
