-- Structure and checks of progflow.skills.
begin;
select plan(9);

select has_table('progflow', 'skills', 'progflow.skills should exist');
select isnt(obj_description('progflow.skills'::regclass, 'pg_class'), null, 'skills should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.skills')$$, 'every column of skills should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.skills')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('slug', 'character varying(100)', true, null),
      ('name', 'character varying(200)', true, null),
      ('description', 'text', false, null),
      ('category', 'character varying(50)', false, null),
      ('parent_skill_id', 'uuid', false, null),
      ('prerequisites', 'jsonb', true, '''[]''::jsonb'),
      ('max_level', 'integer', true, '5'),
      ('xp_per_level', 'integer', true, '100'),
      ('is_active', 'boolean', true, 'true')$$,
  'skills should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.skills')$$,
  $$values
      ('_200_prerequisites_valid', 'TRIGGER DEFERRABLE INITIALLY DEFERRED'),
      ('skills_max_level_check', 'CHECK ((max_level >= 1))'),
      ('skills_parent_skill_id_check', 'CHECK ((parent_skill_id <> id))'),
      ('skills_parent_skill_id_fkey', 'FOREIGN KEY (parent_skill_id) REFERENCES progflow.skills(id) ON DELETE SET NULL'),
      ('skills_pkey', 'PRIMARY KEY (id)'),
      ('skills_prerequisites_check', 'CHECK ((jsonb_typeof(prerequisites) = ''array''::text))'),
      ('skills_slug_check', 'CHECK (((slug)::text ~ ''^[a-z0-9]+([_-][a-z0-9]+)*$''::text))'),
      ('skills_slug_key', 'UNIQUE (slug)'),
      ('skills_xp_per_level_check', 'CHECK ((xp_per_level >= 0))')$$,
  'skills should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.skills')$$,
  $$values
      ('skills_parent_skill_id_idx', 'CREATE INDEX skills_parent_skill_id_idx ON progflow.skills USING btree (parent_skill_id)'),
      ('skills_pkey', 'CREATE UNIQUE INDEX skills_pkey ON progflow.skills USING btree (id)'),
      ('skills_slug_key', 'CREATE UNIQUE INDEX skills_slug_key ON progflow.skills USING btree (slug)')$$,
  'skills should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.skills (id, slug, name) values ('00000000-0000-0000-0000-0000000000e1', 'caching', 'Caching');

select throws_ok(
  $$insert into progflow.skills (slug, name, max_level) values ('x1', 'x', 0)$$,
  '23514', null,
  'a max_level of 0 should be rejected'
);
select throws_ok(
  $$update progflow.skills set parent_skill_id = id$$,
  '23514', null,
  'a skill should not be its own parent'
);
select throws_ok(
  $$insert into progflow.skills (slug, name, prerequisites) values ('x1', 'x', '{}')$$,
  '23514', null,
  'prerequisites should stay a JSON array'
);

select * from finish();
rollback;
