-- progflow.challenge_page: a challenge page in one row, without hints or solutions.
begin;
select plan(5);

select has_view('progflow', 'challenge_page', 'challenge_page should exist');
select tests.load_catalogue();

select results_eq($$select track_slug, prerequisites, jsonb_array_length(levels) from progflow.challenge_page where slug = 'b'$$,
                  $$values ('fundamentals'::varchar, '[{"id": "00000000-0000-0000-0000-0000000000c1", "slug": "a", "title": "Challenge A"}]'::jsonb, 5)$$,
                  'b should show its track, its prerequisite and five levels');
select results_eq($$select levels -> 0 ->> 'name', (levels -> 0 ->> 'hint_count')::int, (levels -> 4 ->> 'xp_reward')::int
                      from progflow.challenge_page where slug = 'a'$$,
                  $$values ('Connectivity', 7, 300)$$, 'levels should show names, hint counts and rewards');
select is_empty($$select 1 from progflow.challenge_page, jsonb_array_elements(levels) l
                   where l ? 'hints' or l ? 'solution_approach'$$, 'hints and solutions should not be exposed');
select is(tests.result_as('progflow_app', null, $$select (levels -> 0 ->> 'hint_count') || ' hints, ' || jsonb_array_length(levels)
                                                       || ' levels' from progflow.challenge_page where slug = 'a'$$),
          '7 hints, 5 levels',
          'progflow_app, which may not read the hints themselves, should read the page with its hint counts');

select * from finish();
rollback;
