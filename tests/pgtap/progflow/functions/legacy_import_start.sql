-- progflow.legacy_import_start(p_progress regclass, p_users regclass, p_source text) returns bigint
-- Reading the input: every problem of every row, in one pass (docs/rules.md, "Moving in from the old system").
begin;
select plan(15);

select has_function('progflow', 'legacy_import_start', array['regclass', 'regclass', 'text'], 'legacy_import_start should exist');
select tests.load_catalogue();
select tests.create_user(u) from unnest(array['ada', 'bob']) u;
insert into progflow.legacy_imports (source, finished_at) values ('an earlier import', now());
insert into progflow.legacy_user_map (legacy_id, user_id, import_id)
select '900', tests.user_id('bob'), id from progflow.legacy_imports;

create table public.old_users (user_id text, email text, username text, created_at text);
insert into public.old_users values
  ('1042', 'cy@example.org', 'cyrus', '2023-04-01'),                          -- 1 to create
  ('1043', 'ADA@example.org', 'dee', null),                                  -- 2 email of an existing user
  ('1044', 'eve@example.org', 'eve', 'yesterday-ish'),                       -- 3 not a time
  ('1045', 'fay@example.org', 'fay', null), ('1045', 'FAY@example.org', 'fay', null),  -- 4, 5 a repeat
  ('1046', 'gus.example.org', 'g', '2999-01-01'),                                -- 6 three problems
  ('1047', 'hal@example.org', 'hal', null), ('1047', 'hal2@example.org', 'hal', null), -- 7, 8 disagree
  ('1048', 'ivy@example.org', 'ivy', null), ('1049', 'ivy@example.org', 'ivy2', null),  -- 9, 10 one email, two ids
  ('900', 'bob@example.org', 'bob', null),                                   -- 11 mapped before
  (tests.user_id('ada')::text, 'ada@example.org', 'ada', null),               -- 12 a user with this id exists
  ('8f14e45f-ceea-467f-a0e6-0123456789ab', 'jody@example.org', 'jody', null),    -- 13 a uuid: the new user keeps it
  (null, 'kim@example.org', 'kim', null),                                    -- 14 no id
  ('1050', 'lee@example', 'lee', null), ('1050', 'lee@example.org', 'lee', null),       -- 15, 16 disagree, one malformed
  ('0A0B0C0D-0000-4000-8000-00000000000E', 'max@example.org', 'max', null),  -- 17 } one uuid, spelled twice:
  ('0a0b0c0d00004000800000000000000e', 'max@example.org', 'max', null);      -- 18 } one user
create table public.old_progress (user_id text, problem_id text, completed_levels integer[], total_xp integer);
insert into public.old_progress values
  ('1042', 'a', '{3}', 120),                      -- 1 a new user's; levels filled in
  ('1043', 'a', '{1}', 10),                       -- 2 its users row was rejected
  ('900', 'a', '{1,2}', 200),                     -- 3 mapped by an earlier import
  (tests.user_id('ada')::text, 'zzz', '{0,1}', -5), -- 4 three problems
  ('nobody', 'a', '{1}', 10),                     -- 5 an old id no users row maps
  ('00000000-0000-0000-0000-000000000999', 'b', '{1}', 1), -- 6 no such user
  (tests.user_id('ada')::text, 'a', null, 10),    -- 7 no levels
  (tests.user_id('ada')::text, 'b', '{}', null),  -- 8 no XP
  (tests.user_id('ada')::text, 'b', '{1,null}', 0), -- 9 a NULL level
  ('1045', 'b', '{5,4,3,2,1}', 2147483647);        -- 10 the repeat's user; the most XP a row may carry

select lives_ok($$select progflow.legacy_import_start('public.old_progress', 'public.old_users', 'two test tables')$$,
                'the import should start however messy its input');
select results_eq($$select row_number, outcome, reason from progflow.legacy_import_users order by 1$$,
  $$values (1::bigint, null::text, null::text),
           (2, 'rejected', 'email ''ADA@example.org'' belongs to an existing user'),
           (3, 'rejected', 'created_at ''yesterday-ish'' is not a time'),
           (4, null, null),
           (5, 'merged', 'repeats row 4'),
           (6, 'rejected', 'email ''gus.example.org'' is not an email address; username ''g'' is not 3 to 100 letters, digits, "_", "." or "-"; created_at ''2999-01-01'' is not a past time'),
           (7, 'rejected', 'user_id ''1047'' has rows that disagree: rows 7, 8'),
           (8, 'rejected', 'user_id ''1047'' has rows that disagree: rows 7, 8'),
           (9, 'rejected', 'email ''ivy@example.org'' is also given for another user_id'),
           (10, 'rejected', 'email ''ivy@example.org'' is also given for another user_id'),
           (11, 'already_present', 'an earlier import made this user'),
           (12, 'already_present', 'a user with this id exists'),
           (13, null, null),
           (14, 'rejected', 'user_id is empty'),
           (15, 'rejected', 'user_id ''1050'' has rows that disagree: rows 15, 16'),
           (16, 'rejected', 'user_id ''1050'' has rows that disagree: rows 15, 16'),
           (17, null, null),
           (18, 'merged', 'repeats row 17')$$,
  'each users row should be read on its own, against the other rows and against the users there are, every problem named; a uuid in its canonical spelling');
select is((select user_id from progflow.legacy_import_users where row_number = 13), '8f14e45f-ceea-467f-a0e6-0123456789ab'::uuid,
          'an old id that is a uuid should become the new user''s id');
select is((select count(distinct user_id)::int from progflow.legacy_import_users where row_number in (4, 5)), 1,
          'a repeated row should stand for the same new user');
select is((select created_at from progflow.users where id = (select user_id from progflow.legacy_import_users where row_number = 1)),
          null, 'reading should create no user: that is a step''s work, after a strict run has seen the report');

select results_eq($$select row_number, outcome, reason, levels, xp from progflow.legacy_import_progress order by 1$$,
  $$values (1::bigint, null::text, 'levels 1, 2 filled in below level 3', '{1,2,3}'::integer[], 120),
           (2, 'rejected', 'user ''1043'' was rejected in the users input (row 2)', '{1}', 10),
           (3, null, null, '{1,2}', 200),
           (4, 'rejected', 'no challenge ''zzz''; completed_levels ''{0,1}'' holds levels outside 1 to 5; total_xp -5 is negative', null, null),
           (5, 'rejected', 'user ''nobody'' is not a progflow user id, and no users row maps it', '{1}', 10),
           (6, 'rejected', 'no user ''00000000-0000-0000-0000-000000000999''', '{1}', 1),
           (7, 'rejected', 'completed_levels is NULL', null, 10),
           (8, 'rejected', 'total_xp is NULL', '{}', null),
           (9, 'rejected', 'completed_levels ''{1,NULL}'' holds a NULL level', null, 0),
           (10, null, null, '{1,2,3,4,5}', 2147483647)$$,
  'each progress row should be read with every problem it has, and its levels filled in below the highest');
select results_eq($$select row_number, user_id from progflow.legacy_import_progress where outcome is null order by 1$$,
  $$values (1::bigint, (select user_id from progflow.legacy_import_users where row_number = 1)),
           (3, tests.user_id('bob')), (10, (select user_id from progflow.legacy_import_users where row_number = 4))$$,
  'a row''s user should be the one its users row creates, or the one an earlier import mapped');
select is((select source from progflow.legacy_imports where finished_at is null), 'two test tables',
          'the import should be recorded, unfinished, with the source as described');

select throws_ok($$select progflow.legacy_import_start('public.old_progress')$$, '55000', null,
                 'a second import should wait until the first has finished');
update progflow.legacy_imports set finished_at = now();
create table public.json_levels (user_id text, problem_id text, completed_levels text, total_xp text);
insert into public.json_levels values (tests.user_id('ada')::text, 'a', ' [1, 2] ', ' +30 '), (tests.user_id('ada')::text, 'a', '1,2', '1e3'),
                                      (upper(tests.user_id('ada')::text), 'a', '{１}', '１０');
select progflow.legacy_import_start('public.json_levels');
select results_eq($$select levels, xp, reason from progflow.legacy_import_progress
                     where import_id = (select max(id) from progflow.legacy_imports) order by row_number$$,
  $$values ('{1,2}'::integer[], 30, null::text),
           (null, null, 'completed_levels ''1,2'' is not an array of whole numbers; total_xp ''1e3'' is not a whole number'),
           (null, null, 'completed_levels ''{１}'' is not an array of whole numbers; total_xp ''１０'' is not a whole number')$$,
  'JSON arrays and signed numbers should be read; other spellings (full-width digits too) reported, the uuid in any case read');

select throws_ok($$select progflow.legacy_import_start(null)$$, '22023', 'progress table must not be NULL',
                 'a NULL progress table should be refused');
create table public.too_old (user_id uuid, problem_id text);
select throws_ok($$select progflow.legacy_import_start('public.too_old')$$, '22023',
                 'legacy table public.too_old lacks column(s) completed_levels, total_xp', 'missing columns should be named');
select throws_ok($$select progflow.legacy_import_start('public.old_progress', 'public.too_old')$$, '22023',
                 'legacy table public.too_old lacks column(s) email, username, created_at',
                 'so should a users table''s');
select throws_ok($$select progflow.legacy_import_start('public.old_progress', null, repeat('x', 1001))$$, '22023', null,
                 'a source description over 1000 characters should be refused');

select * from finish();
rollback;
