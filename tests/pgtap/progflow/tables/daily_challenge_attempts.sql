-- Structure and checks of progflow.daily_challenge_attempts.
begin;
select plan(9);

select has_table('progflow', 'daily_challenge_attempts', 'progflow.daily_challenge_attempts should exist');
select isnt(obj_description('progflow.daily_challenge_attempts'::regclass, 'pg_class'), null, 'daily_challenge_attempts should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.daily_challenge_attempts')$$, 'every column of daily_challenge_attempts should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.daily_challenge_attempts')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('user_id', 'uuid', true, null),
      ('daily_challenge_id', 'uuid', true, null),
      ('score', 'numeric(5,2)', true, null),
      ('xp_earned', 'integer', true, '0'),
      ('rank', 'integer', false, null),
      ('completed_at', 'timestamp with time zone', true, 'now()')$$,
  'daily_challenge_attempts should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.daily_challenge_attempts')$$,
  $$values
      ('daily_challenge_attempts_daily_challenge_id_fkey', 'FOREIGN KEY (daily_challenge_id) REFERENCES progflow.daily_challenges(id) ON DELETE CASCADE'),
      ('daily_challenge_attempts_pkey', 'PRIMARY KEY (id)'),
      ('daily_challenge_attempts_rank_check', 'CHECK ((rank >= 1))'),
      ('daily_challenge_attempts_score_check', 'CHECK (((score >= (0)::numeric) AND (score <= (100)::numeric)))'),
      ('daily_challenge_attempts_user_id_daily_challenge_id_key', 'UNIQUE (user_id, daily_challenge_id)'),
      ('daily_challenge_attempts_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES progflow.users(id) ON DELETE CASCADE'),
      ('daily_challenge_attempts_xp_earned_check', 'CHECK ((xp_earned >= 0))')$$,
  'daily_challenge_attempts should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.daily_challenge_attempts')$$,
  $$values
      ('daily_challenge_attempts_daily_challenge_id_score_idx', 'CREATE INDEX daily_challenge_attempts_daily_challenge_id_score_idx ON progflow.daily_challenge_attempts USING btree (daily_challenge_id, score DESC)'),
      ('daily_challenge_attempts_pkey', 'CREATE UNIQUE INDEX daily_challenge_attempts_pkey ON progflow.daily_challenge_attempts USING btree (id)'),
      ('daily_challenge_attempts_user_id_daily_challenge_id_key', 'CREATE UNIQUE INDEX daily_challenge_attempts_user_id_daily_challenge_id_key ON progflow.daily_challenge_attempts USING btree (user_id, daily_challenge_id)')$$,
  'daily_challenge_attempts should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');
insert into progflow.learning_tracks (id, slug, title, difficulty_level, order_index) values ('00000000-0000-0000-0000-0000000000b1', 'fundamentals', 'Fundamentals', 'fundamentals', 1);
insert into progflow.challenges (id, slug, title, difficulty_base, track_id, order_in_track) values ('00000000-0000-0000-0000-0000000000c1', 'url-shortener', 'URL shortener', 'beginner', '00000000-0000-0000-0000-0000000000b1', 1);
insert into progflow.daily_challenges (id, challenge_id, date) values ('00000000-0000-0000-0000-0000000000f1', '00000000-0000-0000-0000-0000000000c1', '2026-11-24');

select throws_ok(
  $$insert into progflow.daily_challenge_attempts (user_id, daily_challenge_id, score) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000f1', -1)$$,
  '23514', null,
  'a negative score should be rejected'
);
select throws_ok(
  $$insert into progflow.daily_challenge_attempts (user_id, daily_challenge_id, score, rank) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000f1', 50, 0)$$,
  '23514', null,
  'rank 0 should be rejected'
);
select lives_ok(
  $$insert into progflow.daily_challenge_attempts (user_id, daily_challenge_id, score) values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000f1', 80)$$,
  'a first attempt should be accepted'
);

select * from finish();
rollback;
