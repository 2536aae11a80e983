-- Revert progflow:views/challenge_page from pg: deploys the version of @v0.1.0 again
-- requires: tables/challenge_levels
-- requires: tables/learning_tracks

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- A challenge as its page shows it: catalogue facts, prerequisites and levels (hints and solutions left out).
create or replace view progflow.challenge_page with (security_invoker = true) as
select c.id,
       c.slug,
       c.title,
       c.description,
       c.category,
       c.difficulty_base,
       c.xp_base,
       c.estimated_minutes,
       c.ddia_concepts,
       c.tags,
       t.slug as track_slug,
       t.title as track_title,
       c.order_in_track,
       (select coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'slug', p.slug, 'title', p.title)
                                  order by p.order_in_track, p.slug), '[]')
          from jsonb_array_elements_text(c.prerequisites) pre(id)
          join progflow.challenges p on p.id = pre.id::uuid) as prerequisites,
       (select coalesce(jsonb_agg(jsonb_build_object(
                 'level', l.level_number, 'name', l.level_name, 'description', l.description,
                 'requirements', l.requirements, 'passing_criteria', l.passing_criteria, 'xp_reward', l.xp_reward,
                 'estimated_minutes', l.estimated_minutes, 'hint_count', jsonb_array_length(l.hints))
               order by l.level_number), '[]')
          from progflow.challenge_levels l where l.challenge_id = c.id) as levels
  from progflow.challenges c
  left join progflow.learning_tracks t on t.id = c.track_id
 where c.is_active;

comment on view progflow.challenge_page is E'One row per active challenge with what its page shows: facts, track, prerequisites (JSON array of {id, slug, title}) and levels (JSON array with requirements, pass criteria, XP and the number of hints; hints themselves come from use_hint). Join user_challenge_progress on (user_id, challenge_id) for the user''s state in the same query.';
comment on column progflow.challenge_page.id is E'The challenge.';
comment on column progflow.challenge_page.slug is E'Its slug.';
comment on column progflow.challenge_page.title is E'Its title.';
comment on column progflow.challenge_page.description is E'The problem.';
comment on column progflow.challenge_page.category is E'Its topic.';
comment on column progflow.challenge_page.difficulty_base is E'Base difficulty.';
comment on column progflow.challenge_page.xp_base is E'Base XP.';
comment on column progflow.challenge_page.estimated_minutes is E'Estimated minutes for all five levels.';
comment on column progflow.challenge_page.ddia_concepts is E'DDIA chapters and concepts.';
comment on column progflow.challenge_page.tags is E'Tags.';
comment on column progflow.challenge_page.track_slug is E'Slug of its track.';
comment on column progflow.challenge_page.track_title is E'Title of its track.';
comment on column progflow.challenge_page.order_in_track is E'Position in its track.';
comment on column progflow.challenge_page.prerequisites is E'JSON array of {id, slug, title}.';
comment on column progflow.challenge_page.levels is E'JSON array of the five levels.';

grant select on progflow.challenge_page to progflow_readonly;

commit;
