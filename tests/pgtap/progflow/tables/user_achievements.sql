-- Structure and checks of progflow.user_achievements.
begin;
select plan(9);

select has_table('progflow', 'user_achievements', 'progflow.user_achievements should exist');
select isnt(obj_description('progflow.user_achievements'::regclass, 'pg_class'), null, 'user_achievements should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.user_achievements')$$, 'every column of user_achievements should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.user_achievements')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('user_id', 'uuid', true, null),
      ('achievement_id', 'uuid', true, null),
      ('unlocked_at', 'timestamp with time zone', true, 'now()'),
      ('progress', 'numeric(5,2)', true, '100.00'),
      ('metadata', 'jsonb', true, '''{}''::jsonb')$$,
  'user_achievements should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.user_achievements')$$,
  $$values
      ('user_achievements_achievement_id_fkey', 'FOREIGN KEY (achievement_id) REFERENCES progflow.achievements(id) ON DELETE RESTRICT'),
      ('user_achievements_metadata_check', 'CHECK ((jsonb_typeof(metadata) = ''object''::text))'),
      ('user_achievements_pkey', 'PRIMARY KEY (id)'),
      ('user_achievements_progress_check', 'CHECK (((progress >= (0)::numeric) AND (progress <= (100)::numeric)))'),
      ('user_achievements_user_id_achievement_id_key', 'UNIQUE (user_id, achievement_id)'),
      ('user_achievements_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES progflow.users(id) ON DELETE CASCADE')$$,
  'user_achievements should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.user_achievements')$$,
  $$values
      ('user_achievements_achievement_id_idx', 'CREATE INDEX user_achievements_achievement_id_idx ON progflow.user_achievements USING btree (achievement_id)'),
      ('user_achievements_pkey', 'CREATE UNIQUE INDEX user_achievements_pkey ON progflow.user_achievements USING btree (id)'),
      ('user_achievements_unlocked_at_idx', 'CREATE INDEX user_achievements_unlocked_at_idx ON progflow.user_achievements USING btree (unlocked_at DESC)'),
      ('user_achievements_user_id_achievement_id_key', 'CREATE UNIQUE INDEX user_achievements_user_id_achievement_id_key ON progflow.user_achievements USING btree (user_id, achievement_id)')$$,
  'user_achievements should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');
insert into progflow.achievements (id, slug, name, criteria) values ('00000000-0000-0000-0000-0000000000d1', 'first_level', 'First level', '{"type": "levels_completed", "count": 1}');

select throws_ok(
  $$insert into progflow.user_achievements (user_id, achievement_id, progress) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000d1', 101)$$,
  '23514', null,
  'progress over 100 should be rejected'
);
select throws_ok(
  $$insert into progflow.user_achievements (user_id, achievement_id, metadata) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000d1', '[]')$$,
  '23514', null,
  'metadata should stay a JSON object'
);
select lives_ok(
  $$insert into progflow.user_achievements (user_id, achievement_id) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000d1')$$,
  'an unlock should be accepted'
);

select * from finish();
rollback;
