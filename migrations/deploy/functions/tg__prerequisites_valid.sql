-- Deploy progflow:functions/tg__prerequisites_valid to pg
-- requires: schema
-- source: functions/progflow/tg__prerequisites_valid.sql sha256:3bea72779091d62096117c4b1be43ed2b5e2977270dd223130d0c71a86b6dd5f

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Trigger function: a prerequisite array names existing rows of the same table, never the
-- row itself, never twice, and never closes a cycle.
/*
  Why a deferred constraint trigger: a catalogue is loaded in one transaction in any order, and a
  cycle can only be judged on the final state. The trigger therefore runs at commit and re-reads
  the row, so it always judges what will be committed.
*/
create or replace function progflow.tg__prerequisites_valid()
  returns trigger
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_table text := format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME);
  v_prerequisites jsonb;
  v_element jsonb;
  v_id uuid;
  v_referrer uuid;
  v_cycle boolean;
begin
  if TG_OP = 'DELETE' then
    execute format('select id from %s where prerequisites ? $1 limit 1', v_table)
      into v_referrer using OLD.id::text;
    if v_referrer is not null then
      raise exception '%.id % is still a prerequisite of %', TG_TABLE_NAME, OLD.id, v_referrer
        using errcode = 'foreign_key_violation',
              hint = 'Remove it from the other rows'' prerequisites first, or deactivate it (is_active = false) instead of deleting it.';
    end if;
    return null;
  end if;

  execute format('select prerequisites from %s where id = $1', v_table)
    into v_prerequisites using NEW.id;
  if v_prerequisites is null then
    return null;  -- the row is gone or has no prerequisites; nothing to judge
  end if;

  for v_element in select value from jsonb_array_elements(v_prerequisites) loop
    if jsonb_typeof(v_element) <> 'string'
       or v_element #>> '{}' !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      raise exception '%.prerequisites of % holds %, which is not an id', TG_TABLE_NAME, NEW.id, v_element
        using errcode = 'check_violation',
              hint = 'Prerequisites are a JSON array of id strings, such as ["3f1c…"]; the seed writes them from slugs.';
    end if;
    v_id := (v_element #>> '{}')::uuid;
    if v_id = NEW.id then
      raise exception '%.prerequisites of % names the row itself', TG_TABLE_NAME, NEW.id
        using errcode = 'check_violation',
              hint = 'A row cannot be its own prerequisite; remove its own id from the array.';
    end if;
    execute format('select exists (select from %s where id = $1)', v_table) into v_cycle using v_id;
    if not v_cycle then
      raise exception '%.prerequisites of % names %, which does not exist', TG_TABLE_NAME, NEW.id, v_id
        using errcode = 'foreign_key_violation',
              hint = 'Insert the prerequisite first (in the same transaction is fine), or correct the id.';
    end if;
  end loop;

  if (select count(*) from jsonb_array_elements(v_prerequisites))
     <> (select count(distinct value) from jsonb_array_elements(v_prerequisites)) then
    raise exception '%.prerequisites of % names the same id twice', TG_TABLE_NAME, NEW.id
      using errcode = 'check_violation',
            hint = 'List each prerequisite once.';
  end if;

  execute format($walk$
    with recursive reachable(id) as (
        select (value #>> '{}')::uuid from jsonb_array_elements($1)
      union
        select (p.value #>> '{}')::uuid
          from reachable r
          join %1$s t on t.id = r.id
          cross join lateral jsonb_array_elements(t.prerequisites) p
    )
    select exists (select from reachable where id = $2)
  $walk$, v_table) into v_cycle using v_prerequisites, NEW.id;
  if v_cycle then
    raise exception '%.prerequisites of % closes a cycle: % is its own indirect prerequisite', TG_TABLE_NAME, NEW.id, NEW.id
      using errcode = 'check_violation',
            hint = 'Prerequisites must form an acyclic graph; remove one edge of the cycle.';
  end if;
  return null;
end;
$$;

revoke all on function progflow.tg__prerequisites_valid() from public;

comment on function progflow.tg__prerequisites_valid() is
  E'Constraint trigger function (AFTER INSERT/UPDATE/DELETE, row, deferred to commit) for tables with a `prerequisites` JSON array of ids (`learning_tracks`, `challenges`, `skills`).\n\nErrors: `23514` an element is not an id, names the row itself, is repeated, or closes a cycle; `23503` an id does not exist, or a deleted row is still someone''s prerequisite.';

commit;
