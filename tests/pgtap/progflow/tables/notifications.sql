-- Structure and checks of progflow.notifications.
begin;
select plan(8);

select has_table('progflow', 'notifications', 'progflow.notifications should exist');
select isnt(obj_description('progflow.notifications'::regclass, 'pg_class'), null, 'notifications should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.notifications')$$, 'every column of notifications should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.notifications')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('user_id', 'uuid', true, null),
      ('type', 'character varying(50)', true, null),
      ('title', 'character varying(200)', true, null),
      ('message', 'text', false, null),
      ('action_url', 'text', false, null),
      ('is_read', 'boolean', true, 'false'),
      ('created_at', 'timestamp with time zone', true, 'now()'),
      ('read_at', 'timestamp with time zone', false, null)$$,
  'notifications should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.notifications')$$,
  $$values
      ('notifications_pkey', 'PRIMARY KEY (id)'),
      ('notifications_read_at_check', 'CHECK ((is_read OR (read_at IS NULL)))'),
      ('notifications_type_check', 'CHECK (((type)::text = ANY ((ARRAY[''achievement''::character varying, ''level_complete''::character varying, ''streak''::character varying, ''challenge_unlock''::character varying])::text[])))'),
      ('notifications_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES progflow.users(id) ON DELETE CASCADE')$$,
  'notifications should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.notifications')$$,
  $$values
      ('notifications_created_at_idx', 'CREATE INDEX notifications_created_at_idx ON progflow.notifications USING btree (created_at DESC)'),
      ('notifications_pkey', 'CREATE UNIQUE INDEX notifications_pkey ON progflow.notifications USING btree (id)'),
      ('notifications_user_id_created_at_idx', 'CREATE INDEX notifications_user_id_created_at_idx ON progflow.notifications USING btree (user_id, created_at DESC)'),
      ('notifications_user_id_unread_idx', 'CREATE INDEX notifications_user_id_unread_idx ON progflow.notifications USING btree (user_id) WHERE (NOT is_read)')$$,
  'notifications should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');

select throws_ok(
  $$insert into progflow.notifications (user_id, type, title) values ('00000000-0000-0000-0000-0000000000a1', 'spam', 'x')$$,
  '23514', null,
  'an unknown notification type should be rejected'
);
select throws_ok(
  $$insert into progflow.notifications (user_id, type, title, is_read, read_at) values ('00000000-0000-0000-0000-0000000000a1', 'streak', 'x', false, now())$$,
  '23514', null,
  'an unread notification with a read_at should be rejected'
);

select * from finish();
rollback;
