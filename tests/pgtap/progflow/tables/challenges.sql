-- Structure and checks of progflow.challenges.
begin;
select plan(13);

select has_table('progflow', 'challenges', 'progflow.challenges should exist');
select isnt(obj_description('progflow.challenges'::regclass, 'pg_class'), null, 'challenges should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.challenges')$$, 'every column of challenges should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.challenges')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('slug', 'character varying(100)', true, null),
      ('title', 'character varying(200)', true, null),
      ('description', 'text', false, null),
      ('category', 'character varying(100)', false, null),
      ('track_id', 'uuid', false, null),
      ('order_in_track', 'integer', false, null),
      ('difficulty_base', 'progflow.skill_level', true, null),
      ('xp_base', 'integer', true, '100'),
      ('estimated_minutes', 'integer', true, '30'),
      ('prerequisites', 'jsonb', true, '''[]''::jsonb'),
      ('ddia_concepts', 'jsonb', true, '''[]''::jsonb'),
      ('tags', 'jsonb', true, '''[]''::jsonb'),
      ('metadata', 'jsonb', true, '''{}''::jsonb'),
      ('is_active', 'boolean', true, 'true'),
      ('created_at', 'timestamp with time zone', true, 'now()')$$,
  'challenges should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.challenges')$$,
  $$values
      ('_200_prerequisites_valid', 'TRIGGER DEFERRABLE INITIALLY DEFERRED'),
      ('challenges_ddia_concepts_check', 'CHECK ((jsonb_typeof(ddia_concepts) = ''array''::text))'),
      ('challenges_estimated_minutes_check', 'CHECK ((estimated_minutes > 0))'),
      ('challenges_metadata_check', 'CHECK ((jsonb_typeof(metadata) = ''object''::text))'),
      ('challenges_order_in_track_check', 'CHECK ((order_in_track >= 1))'),
      ('challenges_pkey', 'PRIMARY KEY (id)'),
      ('challenges_prerequisites_check', 'CHECK ((jsonb_typeof(prerequisites) = ''array''::text))'),
      ('challenges_slug_check', 'CHECK (((slug)::text ~ ''^[a-z0-9]+([_-][a-z0-9]+)*$''::text))'),
      ('challenges_slug_key', 'UNIQUE (slug)'),
      ('challenges_tags_check', 'CHECK ((jsonb_typeof(tags) = ''array''::text))'),
      ('challenges_track_id_fkey', 'FOREIGN KEY (track_id) REFERENCES progflow.learning_tracks(id) ON DELETE RESTRICT'),
      ('challenges_xp_base_check', 'CHECK ((xp_base > 0))')$$,
  'challenges should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.challenges')$$,
  $$values
      ('challenges_category_idx', 'CREATE INDEX challenges_category_idx ON progflow.challenges USING btree (category)'),
      ('challenges_ddia_concepts_idx', 'CREATE INDEX challenges_ddia_concepts_idx ON progflow.challenges USING gin (ddia_concepts)'),
      ('challenges_pkey', 'CREATE UNIQUE INDEX challenges_pkey ON progflow.challenges USING btree (id)'),
      ('challenges_prerequisites_idx', 'CREATE INDEX challenges_prerequisites_idx ON progflow.challenges USING gin (prerequisites)'),
      ('challenges_slug_key', 'CREATE UNIQUE INDEX challenges_slug_key ON progflow.challenges USING btree (slug)'),
      ('challenges_tags_idx', 'CREATE INDEX challenges_tags_idx ON progflow.challenges USING gin (tags)'),
      ('challenges_track_id_order_in_track_idx', 'CREATE INDEX challenges_track_id_order_in_track_idx ON progflow.challenges USING btree (track_id, order_in_track)')$$,
  'challenges should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.learning_tracks (id, slug, title, difficulty_level, order_index) values ('00000000-0000-0000-0000-0000000000b1', 'fundamentals', 'Fundamentals', 'fundamentals', 1);
insert into progflow.challenges (id, slug, title, difficulty_base, track_id, order_in_track) values ('00000000-0000-0000-0000-0000000000c1', 'url-shortener', 'URL shortener', 'beginner', '00000000-0000-0000-0000-0000000000b1', 1);

select throws_ok(
  $$insert into progflow.challenges (slug, title, difficulty_base, xp_base) values ('cache', 'x', 'beginner', 0)$$,
  '23514', null,
  'a zero xp_base should be rejected'
);
select throws_ok(
  $$insert into progflow.challenges (slug, title, difficulty_base, estimated_minutes) values ('cache', 'x', 'beginner', 0)$$,
  '23514', null,
  'zero estimated minutes should be rejected'
);
select throws_ok(
  $$insert into progflow.challenges (slug, title, difficulty_base, tags) values ('cache', 'x', 'beginner', '"caching"')$$,
  '23514', null,
  'tags should stay a JSON array'
);
select throws_ok(
  $$insert into progflow.challenges (slug, title, difficulty_base, ddia_concepts) values ('cache', 'x', 'beginner', '{}')$$,
  '23514', null,
  'ddia_concepts should stay a JSON array'
);
select throws_ok(
  $$insert into progflow.challenges (slug, title, difficulty_base, metadata) values ('cache', 'x', 'beginner', '[]')$$,
  '23514', null,
  'metadata should stay a JSON object'
);
select throws_ok(
  $$insert into progflow.challenges (slug, title, difficulty_base, track_id) values ('cache', 'x', 'beginner', '00000000-0000-0000-0000-000000000999')$$,
  '23503', null,
  'an unknown track should be rejected'
);
select throws_ok(
  $$delete from progflow.learning_tracks$$,
  -- PostgreSQL 18 reports a RESTRICT violation as 23001; earlier releases as 23503.
  case when current_setting('server_version_num')::int >= 180000 then '23001' else '23503' end, null,
  'a track with challenges should not be deletable'
);

select * from finish();
rollback;
