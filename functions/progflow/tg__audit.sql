-- Trigger: every achievement unlock, catalogue and game settings change gets an audit row.
/*
  The audit row records the calling role and the acting user (audit_log's defaults), what was
  written and its id, never personal data. A catalogue update that changes nothing (a seed run
  again) is not logged. The row is read as JSON: one function serves tables of different shapes.
  The XP ledger has no audit row: each of its rows records its writer itself (db_role,
  acting_user, xact_id), as audit_log would.
*/
create or replace function progflow.tg__audit()
  returns trigger
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_row jsonb := to_jsonb(case when TG_OP = 'DELETE' then OLD else NEW end);
  v_changed jsonb;
begin
  if TG_ARGV[0] = 'achievement' then
    insert into progflow.audit_log (action, object, object_id, user_id, details)
    values ('achievement', 'user_achievements', v_row ->> 'id', (v_row ->> 'user_id')::uuid,
            jsonb_build_object('achievement_id', v_row -> 'achievement_id'));
  else
    if TG_OP = 'UPDATE' then
      select jsonb_agg(n.key order by n.key) into v_changed
        from jsonb_each(v_row) n where n.value is distinct from to_jsonb(OLD) -> n.key;
      if v_changed is null then
        return null;
      end if;
    end if;
    insert into progflow.audit_log (action, object, object_id, details)
    values (lower(TG_OP), TG_TABLE_NAME, v_row ->> 'id',
            jsonb_strip_nulls(jsonb_build_object('slug', v_row -> 'slug', 'challenge_id', v_row -> 'challenge_id',
                                                 'level_number', v_row -> 'level_number', 'changed', v_changed)));
  end if;
  return null;
end;
$$;

create or replace trigger _900_audit
  after insert on progflow.user_achievements
  for each row execute function progflow.tg__audit('achievement');

create or replace trigger _900_audit
  after insert or update or delete on progflow.learning_tracks
  for each row execute function progflow.tg__audit('catalogue');

create or replace trigger _900_audit
  after insert or update or delete on progflow.challenges
  for each row execute function progflow.tg__audit('catalogue');

create or replace trigger _900_audit
  after insert or update or delete on progflow.challenge_levels
  for each row execute function progflow.tg__audit('catalogue');

create or replace trigger _900_audit
  after insert or update or delete on progflow.skills
  for each row execute function progflow.tg__audit('catalogue');

create or replace trigger _900_audit
  after insert or update or delete on progflow.achievements
  for each row execute function progflow.tg__audit('catalogue');

create or replace trigger _900_audit
  after insert or update or delete on progflow.assessment_questions
  for each row execute function progflow.tg__audit('catalogue');

create or replace trigger _900_audit
  after insert or update or delete on progflow.game_settings
  for each row execute function progflow.tg__audit('catalogue');

revoke all on function progflow.tg__audit() from public;

comment on function progflow.tg__audit() is
  E'Trigger function (AFTER INSERT on `user_achievements`; AFTER INSERT, UPDATE or DELETE on the catalogue tables and `game_settings`; row): writes the `audit_log` row of the change.\n\nErrors: none.';
