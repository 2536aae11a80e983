-- Legacy user map: which progflow user each old system's user became. Kept after the import: the
-- old ids are how support, and a later import, find the learners.
create table progflow.legacy_user_map (
  legacy_id text        not null,
  user_id   uuid        not null,
  import_id bigint,
  mapped_at timestamptz not null default now(),
  constraint legacy_user_map_pkey primary key (legacy_id),
  constraint legacy_user_map_user_id_key unique (user_id),
  constraint legacy_user_map_user_id_fkey foreign key (user_id)
    references progflow.users (id) on delete cascade,
  constraint legacy_user_map_import_id_fkey foreign key (import_id)
    references progflow.legacy_imports (id) on delete set null,
  constraint legacy_user_map_legacy_id_check check (length(legacy_id) between 1 and 255)
);

create index legacy_user_map_import_id_idx on progflow.legacy_user_map (import_id);

comment on table progflow.legacy_user_map is E'Old id → progflow user, one row per user a legacy import created. Progress rows naming an old id find their learner here, in the import that created the user and in any later one.';
comment on column progflow.legacy_user_map.legacy_id is E'The user''s id in the old system.';
comment on column progflow.legacy_user_map.user_id is E'The progflow user created for it; deleting the user deletes the mapping.';
comment on column progflow.legacy_user_map.import_id is E'The import that created the user; NULL once that import''s report is deleted.';
comment on column progflow.legacy_user_map.mapped_at is E'When.';

-- Access: the owner's; support tools (progflow_service) look learners up by their old id.
alter table progflow.legacy_user_map enable row level security;
alter table progflow.legacy_user_map force row level security;
create policy owner_all on progflow.legacy_user_map to current_user using (true) with check (true);
create policy service_read on progflow.legacy_user_map for select to progflow_service using (true);
grant select on progflow.legacy_user_map to progflow_service;
