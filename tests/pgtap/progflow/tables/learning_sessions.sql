-- Structure and checks of progflow.learning_sessions.
begin;
select plan(9);

select has_table('progflow', 'learning_sessions', 'progflow.learning_sessions should exist');
select isnt(obj_description('progflow.learning_sessions'::regclass, 'pg_class'), null, 'learning_sessions should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.learning_sessions')$$, 'every column of learning_sessions should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.learning_sessions')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('user_id', 'uuid', true, null),
      ('session_type', 'character varying(50)', true, null),
      ('resource_id', 'character varying(255)', false, null),
      ('start_time', 'timestamp with time zone', true, 'now()'),
      ('end_time', 'timestamp with time zone', false, null),
      ('duration_minutes', 'integer', false, null),
      ('xp_earned', 'integer', true, '0'),
      ('completed', 'boolean', true, 'false'),
      ('metadata', 'jsonb', true, '''{}''::jsonb')$$,
  'learning_sessions should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.learning_sessions')$$,
  $$values
      ('learning_sessions_duration_minutes_check', 'CHECK ((duration_minutes >= 0))'),
      ('learning_sessions_end_time_check', 'CHECK ((end_time >= start_time))'),
      ('learning_sessions_metadata_check', 'CHECK ((jsonb_typeof(metadata) = ''object''::text))'),
      ('learning_sessions_pkey', 'PRIMARY KEY (id)'),
      ('learning_sessions_session_type_check', 'CHECK (((session_type)::text = ANY ((ARRAY[''challenge''::character varying, ''assessment''::character varying, ''lesson''::character varying])::text[])))'),
      ('learning_sessions_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES progflow.users(id) ON DELETE CASCADE'),
      ('learning_sessions_xp_earned_check', 'CHECK ((xp_earned >= 0))')$$,
  'learning_sessions should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.learning_sessions')$$,
  $$values
      ('learning_sessions_pkey', 'CREATE UNIQUE INDEX learning_sessions_pkey ON progflow.learning_sessions USING btree (id)'),
      ('learning_sessions_start_time_idx', 'CREATE INDEX learning_sessions_start_time_idx ON progflow.learning_sessions USING btree (start_time DESC)'),
      ('learning_sessions_user_id_start_time_idx', 'CREATE INDEX learning_sessions_user_id_start_time_idx ON progflow.learning_sessions USING btree (user_id, start_time DESC)')$$,
  'learning_sessions should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');

select throws_ok(
  $$insert into progflow.learning_sessions (user_id, session_type) values ('00000000-0000-0000-0000-0000000000a1', 'nap')$$,
  '23514', null,
  'an unknown session type should be rejected'
);
select throws_ok(
  $$insert into progflow.learning_sessions (user_id, session_type, start_time, end_time) values ('00000000-0000-0000-0000-0000000000a1', 'lesson', now(), now() - interval '1 minute')$$,
  '23514', null,
  'an end before the start should be rejected'
);
select throws_ok(
  $$insert into progflow.learning_sessions (user_id, session_type, metadata) values ('00000000-0000-0000-0000-0000000000a1', 'lesson', '[]')$$,
  '23514', null,
  'metadata should stay a JSON object'
);

select * from finish();
rollback;
