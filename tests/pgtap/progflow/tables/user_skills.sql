-- Structure and checks of progflow.user_skills.
begin;
select plan(8);

select has_table('progflow', 'user_skills', 'progflow.user_skills should exist');
select isnt(obj_description('progflow.user_skills'::regclass, 'pg_class'), null, 'user_skills should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.user_skills')$$, 'every column of user_skills should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.user_skills')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('user_id', 'uuid', true, null),
      ('skill_id', 'uuid', true, null),
      ('current_level', 'integer', true, '0'),
      ('points_allocated', 'integer', true, '0'),
      ('unlocked_at', 'timestamp with time zone', false, null),
      ('mastered_at', 'timestamp with time zone', false, null)$$,
  'user_skills should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.user_skills')$$,
  $$values
      ('user_skills_current_level_check', 'CHECK ((current_level >= 0))'),
      ('user_skills_pkey', 'PRIMARY KEY (id)'),
      ('user_skills_points_allocated_check', 'CHECK ((points_allocated >= 0))'),
      ('user_skills_skill_id_fkey', 'FOREIGN KEY (skill_id) REFERENCES progflow.skills(id) ON DELETE RESTRICT'),
      ('user_skills_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES progflow.users(id) ON DELETE CASCADE'),
      ('user_skills_user_id_skill_id_key', 'UNIQUE (user_id, skill_id)')$$,
  'user_skills should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.user_skills')$$,
  $$values
      ('user_skills_pkey', 'CREATE UNIQUE INDEX user_skills_pkey ON progflow.user_skills USING btree (id)'),
      ('user_skills_skill_id_idx', 'CREATE INDEX user_skills_skill_id_idx ON progflow.user_skills USING btree (skill_id)'),
      ('user_skills_user_id_skill_id_key', 'CREATE UNIQUE INDEX user_skills_user_id_skill_id_key ON progflow.user_skills USING btree (user_id, skill_id)')$$,
  'user_skills should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');
insert into progflow.skills (id, slug, name) values ('00000000-0000-0000-0000-0000000000e1', 'caching', 'Caching');

select throws_ok(
  $$insert into progflow.user_skills (user_id, skill_id, current_level) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000e1', -1)$$,
  '23514', null,
  'a negative skill level should be rejected'
);
select throws_ok(
  $$insert into progflow.user_skills (user_id, skill_id, points_allocated) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000e1', -1)$$,
  '23514', null,
  'negative points should be rejected'
);

select * from finish();
rollback;
