-- Structure and checks of progflow.users.
begin;
select plan(14);

select has_table('progflow', 'users', 'progflow.users should exist');
select isnt(obj_description('progflow.users'::regclass, 'pg_class'), null, 'users should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.users')$$, 'every column of users should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.users')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('email', 'character varying(255)', true, null),
      ('username', 'character varying(100)', true, null),
      ('display_name', 'character varying(200)', false, null),
      ('avatar_url', 'text', false, null),
      ('skill_level', 'progflow.skill_level', true, '''beginner''::progflow.skill_level'),
      ('onboarding_completed', 'boolean', true, 'false'),
      ('preferences', 'jsonb', true, '''{}''::jsonb'),
      ('created_at', 'timestamp with time zone', true, 'now()'),
      ('updated_at', 'timestamp with time zone', true, 'now()'),
      ('last_active_at', 'timestamp with time zone', true, 'now()')$$,
  'users should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.users')$$,
  $$values
      ('users_email_check', 'CHECK (((email)::text ~ ''^[^@[:space:]]+@[^@[:space:]]+$''::text))'),
      ('users_pkey', 'PRIMARY KEY (id)'),
      ('users_preferences_check', 'CHECK (((jsonb_typeof(preferences) = ''object''::text) AND (COALESCE(jsonb_typeof((preferences -> ''timezone''::text)), ''string''::text) = ''string''::text)))'),
      ('users_profile_visibility_check', 'CHECK (COALESCE(((preferences ->> ''profile_visibility''::text) = ANY (ARRAY[''public''::text, ''private''::text])), true))'),
      ('users_username_check', 'CHECK (((username)::text ~ ''^[A-Za-z0-9_.-]{3,100}$''::text))')$$,
  'users should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.users')$$,
  $$values
      ('users_last_active_at_idx', 'CREATE INDEX users_last_active_at_idx ON progflow.users USING btree (last_active_at)'),
      ('users_lower_email_key', 'CREATE UNIQUE INDEX users_lower_email_key ON progflow.users USING btree (lower((email)::text))'),
      ('users_lower_username_key', 'CREATE UNIQUE INDEX users_lower_username_key ON progflow.users USING btree (lower((username)::text))'),
      ('users_pkey', 'CREATE UNIQUE INDEX users_pkey ON progflow.users USING btree (id)')$$,
  'users should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');

select throws_ok(
  $$insert into progflow.users (email, username) values ('ADA@example.org', 'ada2')$$,
  '23505', null,
  'email should be unique regardless of case'
);
select throws_ok(
  $$insert into progflow.users (email, username) values ('bob@example.org', 'ADA')$$,
  '23505', null,
  'username should be unique regardless of case'
);
select throws_ok(
  $$insert into progflow.users (email, username) values ('not-an-email', 'bob')$$,
  '23514', null,
  'an email without @ should be rejected'
);
select throws_ok(
  $$insert into progflow.users (email, username) values ('bob@example.org', 'b')$$,
  '23514', null,
  'a username shorter than 3 should be rejected'
);
select throws_ok(
  $$insert into progflow.users (email, username, preferences) values ('bob@example.org', 'bob', '[]')$$,
  '23514', null,
  'preferences should stay a JSON object'
);
select throws_ok(
  $$insert into progflow.users (email, username, preferences) values ('bob@example.org', 'bob', '{"timezone": 3}')$$,
  '23514', null,
  'a non-string timezone should be rejected'
);
select throws_ok(
  $$insert into progflow.users (email, username, skill_level) values ('bob@example.org', 'bob', 'expert')$$,
  '22P02', null,
  'skill_level should only take the enum''s labels'
);
select lives_ok(
  $$update progflow.users set display_name = 'Ada' where id = '00000000-0000-0000-0000-0000000000a1'$$,
  'an update should succeed'
);

select * from finish();
rollback;
