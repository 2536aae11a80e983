-- Structure and checks of progflow.learning_tracks.
begin;
select plan(11);

select has_table('progflow', 'learning_tracks', 'progflow.learning_tracks should exist');
select isnt(obj_description('progflow.learning_tracks'::regclass, 'pg_class'), null, 'learning_tracks should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.learning_tracks')$$, 'every column of learning_tracks should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.learning_tracks')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('slug', 'character varying(100)', true, null),
      ('title', 'character varying(200)', true, null),
      ('description', 'text', false, null),
      ('difficulty_level', 'progflow.track_difficulty', true, null),
      ('estimated_hours', 'integer', false, null),
      ('prerequisites', 'jsonb', true, '''[]''::jsonb'),
      ('order_index', 'integer', true, null),
      ('is_active', 'boolean', true, 'true'),
      ('metadata', 'jsonb', true, '''{}''::jsonb'),
      ('created_at', 'timestamp with time zone', true, 'now()')$$,
  'learning_tracks should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.learning_tracks')$$,
  $$values
      ('_200_prerequisites_valid', 'TRIGGER DEFERRABLE INITIALLY DEFERRED'),
      ('learning_tracks_estimated_hours_check', 'CHECK ((estimated_hours > 0))'),
      ('learning_tracks_metadata_check', 'CHECK ((jsonb_typeof(metadata) = ''object''::text))'),
      ('learning_tracks_order_index_check', 'CHECK ((order_index >= 1))'),
      ('learning_tracks_pkey', 'PRIMARY KEY (id)'),
      ('learning_tracks_prerequisites_check', 'CHECK ((jsonb_typeof(prerequisites) = ''array''::text))'),
      ('learning_tracks_slug_check', 'CHECK (((slug)::text ~ ''^[a-z0-9]+([_-][a-z0-9]+)*$''::text))'),
      ('learning_tracks_slug_key', 'UNIQUE (slug)')$$,
  'learning_tracks should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.learning_tracks')$$,
  $$values
      ('learning_tracks_difficulty_level_idx', 'CREATE INDEX learning_tracks_difficulty_level_idx ON progflow.learning_tracks USING btree (difficulty_level)'),
      ('learning_tracks_order_index_idx', 'CREATE INDEX learning_tracks_order_index_idx ON progflow.learning_tracks USING btree (order_index)'),
      ('learning_tracks_pkey', 'CREATE UNIQUE INDEX learning_tracks_pkey ON progflow.learning_tracks USING btree (id)'),
      ('learning_tracks_slug_key', 'CREATE UNIQUE INDEX learning_tracks_slug_key ON progflow.learning_tracks USING btree (slug)')$$,
  'learning_tracks should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.learning_tracks (id, slug, title, difficulty_level, order_index) values ('00000000-0000-0000-0000-0000000000b1', 'fundamentals', 'Fundamentals', 'fundamentals', 1);

select throws_ok(
  $$insert into progflow.learning_tracks (slug, title, difficulty_level, order_index) values ('Bad Slug', 'x', 'concepts', 2)$$,
  '23514', null,
  'a slug with capitals or spaces should be rejected'
);
select throws_ok(
  $$insert into progflow.learning_tracks (slug, title, difficulty_level, order_index, prerequisites) values ('concepts', 'x', 'concepts', 2, '{}')$$,
  '23514', null,
  'prerequisites should stay a JSON array'
);
select throws_ok(
  $$insert into progflow.learning_tracks (slug, title, difficulty_level, order_index, metadata) values ('concepts', 'x', 'concepts', 2, '[]')$$,
  '23514', null,
  'metadata should stay a JSON object'
);
select throws_ok(
  $$insert into progflow.learning_tracks (slug, title, difficulty_level, order_index) values ('concepts', 'x', 'concepts', 0)$$,
  '23514', null,
  'an order_index below 1 should be rejected'
);
select throws_ok(
  $$insert into progflow.learning_tracks (slug, title, difficulty_level, order_index) values ('fundamentals', 'x', 'concepts', 2)$$,
  '23505', null,
  'a duplicate slug should be rejected'
);

select * from finish();
rollback;
