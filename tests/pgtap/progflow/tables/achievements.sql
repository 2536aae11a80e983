-- Structure and checks of progflow.achievements.
begin;
select plan(17);

select has_table('progflow', 'achievements', 'progflow.achievements should exist');
select isnt(obj_description('progflow.achievements'::regclass, 'pg_class'), null, 'achievements should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.achievements')$$, 'every column of achievements should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.achievements')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('slug', 'character varying(100)', true, null),
      ('name', 'character varying(200)', true, null),
      ('description', 'text', false, null),
      ('icon_url', 'text', false, null),
      ('category', 'character varying(50)', false, null),
      ('rarity', 'progflow.achievement_rarity', true, '''common''::progflow.achievement_rarity'),
      ('xp_reward', 'integer', true, '0'),
      ('criteria', 'jsonb', true, null),
      ('is_active', 'boolean', true, 'true')$$,
  'achievements should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.achievements')$$,
  $$values
      ('achievements_criteria_check', 'CHECK (
CASE
    WHEN ((jsonb_typeof(criteria) = ''object''::text) AND (jsonb_typeof((criteria -> ''count''::text)) = ''number''::text)) THEN (COALESCE(((criteria ->> ''type''::text) = ANY (ARRAY[''levels_completed''::text, ''challenges_completed''::text, ''perfect_scores''::text, ''streak_days''::text, ''total_xp''::text, ''player_level''::text, ''track_completed''::text, ''fast_completions''::text, ''no_hint_challenges''::text, ''daily_challenges''::text, ''completed_before_hour''::text, ''completed_after_hour''::text])), false) AND (((criteria ->> ''count''::text))::numeric >= (1)::numeric) AND (((criteria ->> ''type''::text) <> ALL (ARRAY[''completed_before_hour''::text, ''completed_after_hour''::text])) OR COALESCE(((criteria ->> ''hour''::text) ~ ''^(1?[0-9]|2[0-4])$''::text), false)))
    ELSE false
END)'),
      ('achievements_pkey', 'PRIMARY KEY (id)'),
      ('achievements_slug_check', 'CHECK (((slug)::text ~ ''^[a-z0-9]+([_-][a-z0-9]+)*$''::text))'),
      ('achievements_slug_key', 'UNIQUE (slug)'),
      ('achievements_xp_reward_check', 'CHECK ((xp_reward >= 0))')$$,
  'achievements should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.achievements')$$,
  $$values
      ('achievements_pkey', 'CREATE UNIQUE INDEX achievements_pkey ON progflow.achievements USING btree (id)'),
      ('achievements_slug_key', 'CREATE UNIQUE INDEX achievements_slug_key ON progflow.achievements USING btree (slug)')$$,
  'achievements should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.achievements (id, slug, name, criteria) values ('00000000-0000-0000-0000-0000000000d1', 'first_level', 'First level', '{"type": "levels_completed", "count": 1}');

select throws_ok(
  $$insert into progflow.achievements (slug, name, criteria) values ('x1', 'x', '{"type": "speedrun", "count": 1}')$$,
  '23514', null,
  'an unknown criteria type should be rejected'
);
select throws_ok(
  $$insert into progflow.achievements (slug, name, criteria) values ('x1', 'x', '{"type": "total_xp"}')$$,
  '23514', null,
  'criteria without a count should be rejected'
);
select throws_ok(
  $$insert into progflow.achievements (slug, name, criteria) values ('x1', 'x', '{"type": "total_xp", "count": 0}')$$,
  '23514', null,
  'a count of 0 should be rejected'
);
select throws_ok(
  $$insert into progflow.achievements (slug, name, criteria) values ('x1', 'x', '[]')$$,
  '23514', null,
  'criteria should be a JSON object'
);
select throws_ok(
  $$insert into progflow.achievements (slug, name, criteria) values ('x1', 'x', '{"type": "total_xp", "count": "many"}')$$,
  '23514', null,
  'a count that is not a number should be a check violation, not a cast error'
);
select throws_ok(
  $$insert into progflow.achievements (slug, name, criteria) values ('x1', 'x', '{"count": 1}')$$,
  '23514', null,
  'criteria without a type should be rejected'
);
select throws_ok(
  $$insert into progflow.achievements (slug, name, criteria) values ('x1', 'x', '{"type": "completed_before_hour", "count": 1}')$$,
  '23514', null,
  'a time-of-day criterion without an hour should be rejected'
);
select throws_ok(
  $$insert into progflow.achievements (slug, name, criteria) values ('x1', 'x', '{"type": "completed_after_hour", "count": 1, "hour": 22.5}')$$,
  '23514', null,
  'an hour that is not whole should be rejected'
);
select throws_ok(
  $$insert into progflow.achievements (slug, name, criteria) values ('x1', 'x', '{"type": "completed_after_hour", "count": 1, "hour": 25}')$$,
  '23514', null,
  'an hour past 24 should be rejected'
);
select lives_ok(
  $$insert into progflow.achievements (slug, name, criteria) values ('x1', 'x', '{"type": "completed_before_hour", "count": 1, "hour": 0}')$$,
  'hour 0 should be accepted'
);
select throws_ok(
  $$insert into progflow.achievements (slug, name, criteria, xp_reward) values ('x1', 'x', '{"type": "total_xp", "count": 1}', -5)$$,
  '23514', null,
  'a negative XP reward should be rejected'
);

select * from finish();
rollback;
