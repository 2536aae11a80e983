-- Structure, the one row and the audit of progflow.game_settings (docs/rules.md, Limits the owner sets).
begin;
select plan(12);

select has_table('progflow', 'game_settings', 'progflow.game_settings should exist');
select isnt(obj_description('progflow.game_settings'::regclass, 'pg_class'), null, 'game_settings should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.game_settings')$$,
                'every column of game_settings should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.game_settings')$$,
  $$values
      ('id', 'boolean', true, 'true'),
      ('max_submissions_per_minute', 'integer', true, '30'),
      ('updated_at', 'timestamp with time zone', true, 'now()'),
      ('attempt_retention_months', 'integer', false, null)$$,
  'game_settings should have exactly these columns, types, NOT NULLs and defaults'
);
select results_eq(
  $$select * from tests.constraints('progflow.game_settings')$$,
  $$values
      ('game_settings_attempt_retention_months_check', 'CHECK (((attempt_retention_months >= 1) AND (attempt_retention_months <= 1200)))'),
      ('game_settings_id_check', 'CHECK (id)'),
      ('game_settings_max_submissions_per_minute_check', 'CHECK (((max_submissions_per_minute >= 1) AND (max_submissions_per_minute <= 100000)))'),
      ('game_settings_pkey', 'PRIMARY KEY (id)')$$,
  'game_settings should have exactly these constraints'
);

select results_eq($$select id, max_submissions_per_minute from progflow.game_settings$$, $$values (true, 30)$$,
                  'a new database should hold one row with the default limit of 30');
select throws_ok($$insert into progflow.game_settings (id) values (false)$$, '23514', null,
                 'a second row should be refused (the table holds one row)');
select throws_ok($$insert into progflow.game_settings default values$$, '23505', null,
                 'and so should a second true row');
select throws_ok($$update progflow.game_settings set max_submissions_per_minute = 0$$, '23514', null,
                 'a limit of 0 should be refused');
select is((select attempt_retention_months from progflow.game_settings), null,
          'attempts should be kept without limit until the owner sets a retention');
select throws_ok($$update progflow.game_settings set attempt_retention_months = 0$$, '23514', null,
                 'a retention of 0 months (the current month detached) should be refused');

update progflow.game_settings set max_submissions_per_minute = 45;
select results_eq(
  $$select action::text, object::text, details ->> 'changed' from progflow.audit_log where object = 'game_settings'$$,
  $$values ('update', 'game_settings', '["max_submissions_per_minute", "updated_at"]')$$,
  'a change of a rule should be audited, naming what changed'
);

select * from finish();
rollback;
