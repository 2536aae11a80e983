-- Structure and checks of progflow.attempt_requests.
begin;
select plan(10);

select has_table('progflow', 'attempt_requests', 'progflow.attempt_requests should exist');
select isnt(obj_description('progflow.attempt_requests'::regclass, 'pg_class'), null, 'attempt_requests should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.attempt_requests')$$, 'every column of attempt_requests should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.attempt_requests')$$,
  $$values
      ('user_id', 'uuid', true, null),
      ('idempotency_key', 'character varying(200)', true, null),
      ('request_hash', 'text', true, null),
      ('response', 'jsonb', true, null),
      ('created_at', 'timestamp with time zone', true, 'now()')$$,
  'attempt_requests should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.attempt_requests')$$,
  $$values
      ('attempt_requests_idempotency_key_check', 'CHECK (((length((idempotency_key)::text) >= 1) AND (length((idempotency_key)::text) <= 200)))'),
      ('attempt_requests_pkey', 'PRIMARY KEY (user_id, idempotency_key)'),
      ('attempt_requests_request_hash_check', 'CHECK ((request_hash ~ ''^[0-9a-f]{64}$''::text))'),
      ('attempt_requests_response_check', 'CHECK ((jsonb_typeof(response) = ''object''::text))'),
      ('attempt_requests_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES progflow.users(id) ON DELETE CASCADE')$$,
  'attempt_requests should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.attempt_requests')$$,
  $$values
      ('attempt_requests_created_at_idx', 'CREATE INDEX attempt_requests_created_at_idx ON progflow.attempt_requests USING btree (created_at)'),
      ('attempt_requests_pkey', 'CREATE UNIQUE INDEX attempt_requests_pkey ON progflow.attempt_requests USING btree (user_id, idempotency_key)')$$,
  'attempt_requests should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');

select throws_ok(
  $$insert into progflow.attempt_requests (user_id, idempotency_key, request_hash, response) values ('00000000-0000-0000-0000-0000000000a1', '', repeat('a', 64), '{}')$$,
  '23514', null,
  'an empty key should be rejected'
);
select throws_ok(
  $$insert into progflow.attempt_requests (user_id, idempotency_key, request_hash, response) values ('00000000-0000-0000-0000-0000000000a1', 'k', 'not-a-hash', '{}')$$,
  '23514', null,
  'a request hash that is not SHA-256 hex should be rejected'
);
select throws_ok(
  $$insert into progflow.attempt_requests (user_id, idempotency_key, request_hash, response) values ('00000000-0000-0000-0000-0000000000a1', 'k', repeat('a', 64), '[]')$$,
  '23514', null,
  'the response should stay a JSON object'
);
select lives_ok(
  $$insert into progflow.attempt_requests (user_id, idempotency_key, request_hash, response) values ('00000000-0000-0000-0000-0000000000a1', 'k', repeat('a', 64), '{}')$$,
  'a request should be accepted'
);

select * from finish();
rollback;
