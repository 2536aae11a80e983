-- Structure and checks of progflow.daily_challenges.
begin;
select plan(9);

select has_table('progflow', 'daily_challenges', 'progflow.daily_challenges should exist');
select isnt(obj_description('progflow.daily_challenges'::regclass, 'pg_class'), null, 'daily_challenges should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.daily_challenges')$$, 'every column of daily_challenges should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.daily_challenges')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('challenge_id', 'uuid', true, null),
      ('date', 'date', true, null),
      ('difficulty_modifier', 'numeric(3,2)', true, '1.0'),
      ('xp_multiplier', 'numeric(3,2)', true, '2.0'),
      ('special_requirements', 'jsonb', true, '''{}''::jsonb'),
      ('participants_count', 'integer', true, '0'),
      ('average_score', 'numeric(5,2)', false, null),
      ('closed_at', 'timestamp with time zone', false, null),
      ('created_at', 'timestamp with time zone', true, 'now()')$$,
  'daily_challenges should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.daily_challenges')$$,
  $$values
      ('daily_challenges_average_score_check', 'CHECK (((average_score >= (0)::numeric) AND (average_score <= (100)::numeric)))'),
      ('daily_challenges_challenge_id_fkey', 'FOREIGN KEY (challenge_id) REFERENCES progflow.challenges(id) ON DELETE RESTRICT'),
      ('daily_challenges_date_key', 'UNIQUE (date)'),
      ('daily_challenges_difficulty_modifier_check', 'CHECK ((difficulty_modifier > (0)::numeric))'),
      ('daily_challenges_participants_count_check', 'CHECK ((participants_count >= 0))'),
      ('daily_challenges_pkey', 'PRIMARY KEY (id)'),
      ('daily_challenges_special_requirements_check', 'CHECK ((jsonb_typeof(special_requirements) = ''object''::text))'),
      ('daily_challenges_xp_multiplier_check', 'CHECK ((xp_multiplier > (0)::numeric))')$$,
  'daily_challenges should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.daily_challenges')$$,
  $$values
      ('daily_challenges_challenge_id_idx', 'CREATE INDEX daily_challenges_challenge_id_idx ON progflow.daily_challenges USING btree (challenge_id)'),
      ('daily_challenges_date_key', 'CREATE UNIQUE INDEX daily_challenges_date_key ON progflow.daily_challenges USING btree (date)'),
      ('daily_challenges_pkey', 'CREATE UNIQUE INDEX daily_challenges_pkey ON progflow.daily_challenges USING btree (id)')$$,
  'daily_challenges should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.learning_tracks (id, slug, title, difficulty_level, order_index) values ('00000000-0000-0000-0000-0000000000b1', 'fundamentals', 'Fundamentals', 'fundamentals', 1);
insert into progflow.challenges (id, slug, title, difficulty_base, track_id, order_in_track) values ('00000000-0000-0000-0000-0000000000c1', 'url-shortener', 'URL shortener', 'beginner', '00000000-0000-0000-0000-0000000000b1', 1);
insert into progflow.daily_challenges (id, challenge_id, date) values ('00000000-0000-0000-0000-0000000000f1', '00000000-0000-0000-0000-0000000000c1', '2026-11-24');

select throws_ok(
  $$insert into progflow.daily_challenges (challenge_id, date) values ('00000000-0000-0000-0000-0000000000c1', '2026-11-24')$$,
  '23505', null,
  'a second challenge for a date should be rejected'
);
select throws_ok(
  $$insert into progflow.daily_challenges (challenge_id, date, xp_multiplier) values ('00000000-0000-0000-0000-0000000000c1', '2026-11-25', 0)$$,
  '23514', null,
  'a zero multiplier should be rejected'
);
select throws_ok(
  $$insert into progflow.daily_challenges (challenge_id, date, special_requirements) values ('00000000-0000-0000-0000-0000000000c1', '2026-11-25', '[]')$$,
  '23514', null,
  'special_requirements should stay a JSON object'
);

select * from finish();
rollback;
