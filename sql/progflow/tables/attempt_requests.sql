-- Attempt requests: the idempotency keys of submit_level_attempt, with the result they produced.
/*
  Why a table of its own: level_attempts is partitioned by created_at, so it cannot hold a unique
  key on (user_id, idempotency_key). A replay finds the key here and returns the stored result.
*/
create table progflow.attempt_requests (
  user_id         uuid         not null,
  idempotency_key varchar(200) not null,
  request_hash    text         not null,
  response        jsonb        not null,
  created_at      timestamptz  not null default now(),
  constraint attempt_requests_pkey primary key (user_id, idempotency_key),
  constraint attempt_requests_user_id_fkey foreign key (user_id)
    references progflow.users (id) on delete cascade,
  constraint attempt_requests_idempotency_key_check check (length(idempotency_key) between 1 and 200),
  constraint attempt_requests_request_hash_check check (request_hash ~ '^[0-9a-f]{64}$'),
  constraint attempt_requests_response_check check (jsonb_typeof(response) = 'object')
);

create index attempt_requests_created_at_idx on progflow.attempt_requests (created_at);

comment on table progflow.attempt_requests is E'Idempotency keys of `submit_level_attempt`: a replay with the same key and payload returns the stored result; another payload is refused (PF006).';
comment on column progflow.attempt_requests.user_id is E'The user who sent the request.';
comment on column progflow.attempt_requests.idempotency_key is E'The client''s key, unique per user; 1 to 200 characters.';
comment on column progflow.attempt_requests.request_hash is E'SHA-256 (hex) of the request''s payload.';
comment on column progflow.attempt_requests.response is E'JSON object: the result returned the first time.';
comment on column progflow.attempt_requests.created_at is E'When the request was first handled; old keys can be purged by it.';

-- Access: each user reads their own rows, trusted jobs read all; only the engine writes.
alter table progflow.attempt_requests enable row level security;
alter table progflow.attempt_requests force row level security;
create policy owner_all on progflow.attempt_requests to current_user using (true) with check (true);
create policy self_read on progflow.attempt_requests for select to progflow_readonly
  using (user_id = (select progflow.current_user_id()));
create policy service_read on progflow.attempt_requests for select to progflow_service using (true);
grant select on progflow.attempt_requests to progflow_readonly;
