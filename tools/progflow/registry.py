"""The Sqitch registry (schema `sqitch`, release 1.1): created, read and written as Sqitch does.

The tables, columns, keys and checks are Sqitch's wire format, so both tools read each other's
rows. Timestamps default to clock_timestamp(), so rows written in one transaction still order
strictly, which is what Sqitch's status and revert rely on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import psycopg
from psycopg import sql

from .errors import RegistryError

SCHEMA = "sqitch"
RELEASE = 1.1
LOCK_KEY = 75474063  # Sqitch's advisory lock key: sharing it keeps the two tools from interleaving

_DDL = """
create schema {s};
comment on schema {s} is 'Sqitch database deployment metadata v1.1.';

create table {s}.releases (
  version         real        primary key,
  installed_at    timestamptz not null default clock_timestamp(),
  installer_name  text        not null,
  installer_email text        not null
);
comment on table {s}.releases is 'Registry releases installed in this database.';
comment on column {s}.releases.version is 'Release number of the registry.';
comment on column {s}.releases.installed_at is 'When the release was installed.';
comment on column {s}.releases.installer_name is 'Who installed it.';
comment on column {s}.releases.installer_email is 'Email of who installed it.';

create table {s}.projects (
  project       text        primary key,
  uri           text        null unique,
  created_at    timestamptz not null default clock_timestamp(),
  creator_name  text        not null,
  creator_email text        not null
);
comment on table {s}.projects is 'Projects deployed to this database.';
comment on column {s}.projects.project is 'Name of the project.';
comment on column {s}.projects.uri is 'Unique URI of the project, if the plan has one.';
comment on column {s}.projects.created_at is 'When the project was first deployed.';
comment on column {s}.projects.creator_name is 'Who first deployed it.';
comment on column {s}.projects.creator_email is 'Email of who first deployed it.';

create table {s}.changes (
  change_id       text        primary key,
  script_hash     text        null,
  change          text        not null,
  project         text        not null references {s}.projects(project) on update cascade,
  note            text        not null default '',
  committed_at    timestamptz not null default clock_timestamp(),
  committer_name  text        not null,
  committer_email text        not null,
  planned_at      timestamptz not null,
  planner_name    text        not null,
  planner_email   text        not null,
  unique (project, script_hash)
);
comment on table {s}.changes is 'Changes deployed now.';
comment on column {s}.changes.change_id is 'Id of the change (a SHA-1 over its plan line and its parent).';
comment on column {s}.changes.script_hash is 'SHA-1 of the deploy script when it was deployed.';
comment on column {s}.changes.change is 'Name of the change.';
comment on column {s}.changes.project is 'Project the change belongs to.';
comment on column {s}.changes.note is 'Note from the plan.';
comment on column {s}.changes.committed_at is 'When the change was deployed.';
comment on column {s}.changes.committer_name is 'Who deployed it.';
comment on column {s}.changes.committer_email is 'Email of who deployed it.';
comment on column {s}.changes.planned_at is 'When it was added to the plan.';
comment on column {s}.changes.planner_name is 'Who planned it.';
comment on column {s}.changes.planner_email is 'Email of who planned it.';

create table {s}.tags (
  tag_id          text        primary key,
  tag             text        not null,
  project         text        not null references {s}.projects(project) on update cascade,
  change_id       text        not null references {s}.changes(change_id) on update cascade,
  note            text        not null default '',
  committed_at    timestamptz not null default clock_timestamp(),
  committer_name  text        not null,
  committer_email text        not null,
  planned_at      timestamptz not null,
  planner_name    text        not null,
  planner_email   text        not null,
  unique (project, tag)
);
comment on table {s}.tags is 'Tags of deployed changes.';
comment on column {s}.tags.tag_id is 'Id of the tag.';
comment on column {s}.tags.tag is 'Name of the tag, with its @.';
comment on column {s}.tags.project is 'Project the tag belongs to.';
comment on column {s}.tags.change_id is 'The change the tag follows.';
comment on column {s}.tags.note is 'Note from the plan.';
comment on column {s}.tags.committed_at is 'When the tag was recorded.';
comment on column {s}.tags.committer_name is 'Who recorded it.';
comment on column {s}.tags.committer_email is 'Email of who recorded it.';
comment on column {s}.tags.planned_at is 'When it was added to the plan.';
comment on column {s}.tags.planner_name is 'Who planned it.';
comment on column {s}.tags.planner_email is 'Email of who planned it.';

create table {s}.dependencies (
  change_id     text not null references {s}.changes(change_id) on update cascade on delete cascade,
  type          text not null,
  dependency    text not null,
  dependency_id text null references {s}.changes(change_id) on update cascade
                     constraint dependencies_check check (
                       (type = 'require'  and dependency_id is not null)
                    or (type = 'conflict' and dependency_id is null)),
  primary key (change_id, dependency)
);
comment on table {s}.dependencies is 'What deployed changes require or conflict with.';
comment on column {s}.dependencies.change_id is 'The change that has the dependency.';
comment on column {s}.dependencies.type is 'require or conflict.';
comment on column {s}.dependencies.dependency is 'The dependency as written in the plan.';
comment on column {s}.dependencies.dependency_id is 'The change a requirement resolved to; NULL for a conflict.';

create table {s}.events (
  event           text        not null check (event in ('deploy', 'revert', 'fail', 'merge')),
  change_id       text        not null,
  change          text        not null,
  project         text        not null references {s}.projects(project) on update cascade,
  note            text        not null default '',
  requires        text[]      not null default '{{}}',
  conflicts       text[]      not null default '{{}}',
  tags            text[]      not null default '{{}}',
  committed_at    timestamptz not null default clock_timestamp(),
  committer_name  text        not null,
  committer_email text        not null,
  planned_at      timestamptz not null,
  planner_name    text        not null,
  planner_email   text        not null,
  primary key (change_id, committed_at)
);
comment on table {s}.events is 'History of deploys, reverts and failures; kept when changes are reverted.';
comment on column {s}.events.event is 'deploy, revert, fail or merge.';
comment on column {s}.events.change_id is 'Id of the change.';
comment on column {s}.events.change is 'Name of the change.';
comment on column {s}.events.project is 'Project the change belongs to.';
comment on column {s}.events.note is 'Note from the plan.';
comment on column {s}.events.requires is 'What the change required.';
comment on column {s}.events.conflicts is 'What the change conflicted with.';
comment on column {s}.events.tags is 'Tags of the change at the time.';
comment on column {s}.events.committed_at is 'When the event happened.';
comment on column {s}.events.committer_name is 'Who caused it.';
comment on column {s}.events.committer_email is 'Email of who caused it.';
comment on column {s}.events.planned_at is 'When the change was planned.';
comment on column {s}.events.planner_name is 'Who planned it.';
comment on column {s}.events.planner_email is 'Email of who planned it.';
"""


@dataclass
class Deployed:
    """A `changes` row, with its tags."""

    id: str
    name: str
    script_hash: str | None
    note: str
    committed_at: datetime
    committer_name: str
    committer_email: str
    planned_at: datetime
    planner_name: str
    planner_email: str
    tags: list[str] = field(default_factory=list)


def exists(conn: psycopg.Connection) -> bool:
    return conn.execute(
        "select exists (select from pg_catalog.pg_tables where schemaname = %s and tablename = 'changes')", (SCHEMA,)
    ).fetchone()[0]


def ensure(conn: psycopg.Connection, name: str, email: str) -> None:
    """Create the registry if it is missing; refuse a registry of another release."""
    if not exists(conn):
        with conn.transaction():
            conn.execute("set local client_min_messages = warning")
            conn.execute(sql.SQL(_DDL).format(s=sql.Identifier(SCHEMA)))
            conn.execute(
                sql.SQL("insert into {}.releases (version, installer_name, installer_email) values (%s, %s, %s)")
                .format(sql.Identifier(SCHEMA)),
                (RELEASE, name, email),
            )
        return
    check_release(conn)


def check_release(conn: psycopg.Connection) -> None:
    row = conn.execute(
        sql.SQL("select max(version)::text from {}.releases").format(sql.Identifier(SCHEMA))
    ).fetchone() if _has_releases(conn) else None
    version = row[0] if row else None
    if version != str(RELEASE):
        raise RegistryError(
            f"the registry is at release {version or 'before 1.0'}, progflow needs {RELEASE}",
            hint="Upgrade it with `sqitch upgrade`, then try again.",
        )


def _has_releases(conn: psycopg.Connection) -> bool:
    return conn.execute(
        "select exists (select from pg_catalog.pg_tables where schemaname = %s and tablename = 'releases')", (SCHEMA,)
    ).fetchone()[0]


def register_project(conn: psycopg.Connection, project: str, uri: str | None, name: str, email: str) -> None:
    """Record the project once; refuse one registered with another URI, or a URI of another project."""
    row = conn.execute("select uri from sqitch.projects where project = %s", (project,)).fetchone()
    if row is not None:
        if row[0] != uri:
            raise RegistryError(
                f"project {project} is registered with URI {row[0]!r}, but the plan says {uri!r}",
                hint="Make the plan's %uri match the registry.",
            )
        return
    if uri is not None:
        other = conn.execute("select project from sqitch.projects where uri = %s", (uri,)).fetchone()
        if other:
            raise RegistryError(f"URI {uri} is already registered for project {other[0]}")
    conn.execute(
        "insert into sqitch.projects (project, uri, creator_name, creator_email) values (%s, %s, %s, %s)",
        (project, uri, name, email),
    )


def deployed(conn: psycopg.Connection, project: str) -> list[Deployed]:
    """The project's deployed changes, in deploy order (committed_at)."""
    if not exists(conn):
        return []
    check_release(conn)
    rows = conn.execute(
        """
        select c.change_id, c.change, c.script_hash, c.note, c.committed_at, c.committer_name,
               c.committer_email, c.planned_at, c.planner_name, c.planner_email,
               coalesce(array_agg(t.tag order by t.committed_at) filter (where t.tag is not null), '{}')
          from sqitch.changes c
          left join sqitch.tags t on t.change_id = c.change_id
         where c.project = %s
         group by c.change_id
         order by c.committed_at
        """,
        (project,),
    ).fetchall()
    return [Deployed(*row[:10], tags=list(row[10])) for row in rows]


def events(conn: psycopg.Connection, project: str, limit: int | None = None, kinds: tuple[str, ...] = ()) -> list[dict]:
    if not exists(conn):
        return []
    query = """
        select event, change_id, change, note, requires, conflicts, tags, committed_at,
               committer_name, committer_email, planned_at, planner_name, planner_email
          from sqitch.events
         where project = %s and (cardinality(%s::text[]) = 0 or event = any(%s::text[]))
         order by committed_at desc
         limit %s
    """
    cur = conn.cursor(row_factory=psycopg.rows.dict_row)
    return cur.execute(query, (project, list(kinds), list(kinds), limit)).fetchall()


def lock(conn: psycopg.Connection, wait_seconds: float) -> None:
    """Take Sqitch's advisory lock on this session, waiting up to `wait_seconds`."""
    import time

    from .errors import LockBusy

    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while not conn.execute("select pg_try_advisory_lock(%s)", (LOCK_KEY,)).fetchone()[0]:
        if time.monotonic() >= deadline:
            holder = conn.execute(
                "select pid from pg_locks where locktype = 'advisory' and objid = %s and granted limit 1",
                (LOCK_KEY,),
            ).fetchone()
            raise LockBusy(
                f"another deploy or revert holds the registry lock (backend pid {holder[0] if holder else '?'})",
                hint="Wait for it to finish, or raise --lock-wait.",
            )
        time.sleep(delay)
        delay = min(delay * 2, 1.0)


def unlock(conn: psycopg.Connection) -> None:
    conn.execute("select pg_advisory_unlock(%s)", (LOCK_KEY,))


# -- writing: each call runs in the caller's transaction, after `lock_changes` ---------------------

@dataclass
class Who:
    """Who deploys (committer) and the project the rows belong to."""

    project: str
    name: str
    email: str


def lock_changes(conn: psycopg.Connection) -> None:
    """Serialise registry writers inside a transaction, as Sqitch does (`lock table … in exclusive mode`)."""
    conn.execute(sql.SQL("lock table {}.changes in exclusive mode").format(sql.Identifier(SCHEMA)))


def record_deploy(conn: psycopg.Connection, who: Who, change, digest: str,
                  deps: list[tuple[str, str, str | None]]) -> None:
    """The rows of a deployed change: changes, its dependencies and tags, and a deploy event."""
    conn.execute(
        """insert into sqitch.changes (change_id, script_hash, change, project, note, committer_name,
               committer_email, planned_at, planner_name, planner_email)
           values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
        (change.id, digest, change.name, who.project, change.note, who.name, who.email,
         change.date, change.planner, change.email),
    )
    for kind, text, dep_id in deps:
        conn.execute("insert into sqitch.dependencies (change_id, type, dependency, dependency_id) "
                     "values (%s, %s, %s, %s)", (change.id, kind, text, dep_id))
    for tag in change.tags:
        record_tag(conn, who, change, tag)
    record_event(conn, who, "deploy", change)


def record_tag(conn: psycopg.Connection, who: Who, change, tag) -> None:
    conn.execute(
        """insert into sqitch.tags (tag_id, tag, project, change_id, note, committer_name, committer_email,
               planned_at, planner_name, planner_email)
           values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
        (tag.id, f"@{tag.name}", who.project, change.id, tag.note, who.name, who.email,
         tag.date, tag.planner, tag.email),
    )


def record_event(conn: psycopg.Connection, who: Who, event: str, change) -> None:
    """A deploy or fail event of a planned change, with its requirements, conflicts and tags as planned."""
    _event(conn, who, event, change.id, change.name, change.note, change.date, change.planner, change.email,
           [d.as_string(who.project) for d in change.requires], [d.as_string(who.project) for d in change.conflicts],
           [f"@{t.name}" for t in change.tags])


def record_revert(conn: psycopg.Connection, who: Who, row: Deployed) -> None:
    """Remove a reverted change's rows and write its revert event, with what they said."""
    tags = [r[0] for r in conn.execute("delete from sqitch.tags where change_id = %s returning tag", (row.id,))]
    deps = conn.execute("delete from sqitch.dependencies where change_id = %s returning type, dependency",
                        (row.id,)).fetchall()
    conn.execute("delete from sqitch.changes where change_id = %s", (row.id,))
    _event(conn, who, "revert", row.id, row.name, row.note, row.planned_at, row.planner_name, row.planner_email,
           [d for t, d in deps if t == "require"], [d for t, d in deps if t == "conflict"], tags)


def _event(conn: psycopg.Connection, who: Who, event: str, change_id: str, name: str, note: str, planned_at,
           planner: str, email: str, requires: list[str], conflicts: list[str], tags: list[str]) -> None:
    conn.execute(
        """insert into sqitch.events (event, change_id, change, project, note, requires, conflicts, tags,
               committer_name, committer_email, planned_at, planner_name, planner_email)
           values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
        (event, change_id, name, who.project, note, requires, conflicts, tags, who.name, who.email,
         planned_at, planner, email),
    )
