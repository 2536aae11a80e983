-- Structure and checks of progflow.audit_log.
begin;
select plan(8);

select has_table('progflow', 'audit_log', 'progflow.audit_log should exist');
select isnt(obj_description('progflow.audit_log'::regclass, 'pg_class'), null, 'audit_log should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.audit_log')$$, 'every column of audit_log should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.audit_log')$$,
  $$values
      ('id', 'bigint', true, null),
      ('logged_at', 'timestamp with time zone', true, 'clock_timestamp()'),
      ('db_role', 'text', true, 'progflow.calling_role()'),
      ('acting_user', 'uuid', false, 'progflow.current_user_id()'),
      ('action', 'character varying(20)', true, null),
      ('object', 'character varying(63)', true, null),
      ('object_id', 'text', false, null),
      ('user_id', 'uuid', false, null),
      ('details', 'jsonb', true, '''{}''::jsonb'),
      ('xact_id', 'xid8', true, 'pg_current_xact_id()')$$,
  'audit_log should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.audit_log')$$,
  $$values
      ('audit_log_action_check', 'CHECK (((action)::text = ANY ((ARRAY[''xp''::character varying, ''achievement''::character varying, ''insert''::character varying, ''update''::character varying, ''delete''::character varying])::text[])))'),
      ('audit_log_details_check', 'CHECK ((jsonb_typeof(details) = ''object''::text))'),
      ('audit_log_pkey', 'PRIMARY KEY (id)')$$,
  'audit_log should have exactly these constraints (no foreign key: it outlives the users it names)'
);

select results_eq(
  $$select * from tests.indexes('progflow.audit_log')$$,
  $$values
      ('audit_log_logged_at_idx', 'CREATE INDEX audit_log_logged_at_idx ON progflow.audit_log USING btree (logged_at)'),
      ('audit_log_pkey', 'CREATE UNIQUE INDEX audit_log_pkey ON progflow.audit_log USING btree (id)'),
      ('audit_log_user_id_logged_at_idx', 'CREATE INDEX audit_log_user_id_logged_at_idx ON progflow.audit_log USING btree (user_id, logged_at)')$$,
  'audit_log should have exactly these indexes'
);

select throws_ok($$insert into progflow.audit_log (action, object) values ('rename', 'users')$$, '23514', null,
                 'an unknown action should be rejected');
select throws_ok($$insert into progflow.audit_log (action, object, details) values ('insert', 'skills', '[]')$$, '23514', null,
                 'details that are not an object should be rejected');

select * from finish();
rollback;
