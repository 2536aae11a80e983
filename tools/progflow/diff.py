"""Compare the declarative sources, the migrations and live databases.

Each side becomes a database: the sources are loaded into a scratch database, the migrations are
deployed into another, a live target is itself. `results` (the successor of migra) writes the
statements that take one side to the other; progflow's catalogue snapshot names every object
that differs, including what `results` does not see (owners, grants, default privileges,
comments, row-level security flags, view options).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlparse
from psycopg import sql

from . import catalog, engine, render
from .connection import connect, scratch_database
from .errors import DraftRefused
from .project import Project


@dataclass
class Difference:
    statements: str  # SQL taking the first side to the second
    objects: list[str]  # one line per differing object

    @property
    def identical(self) -> bool:
        return not self.objects and not self.statements.strip()


def deploy_migrations(uri: str, project: Project) -> None:
    with engine.Engine(project, uri) as eng:
        eng.deploy()


def compare(a_uri: str, b_uri: str) -> Difference:
    with connect(a_uri, autocommit=False) as a, connect(b_uri, autocommit=False) as b:
        before, after = catalog.snapshot(a), catalog.snapshot(b)
    return Difference("\n\n".join(_migration(a_uri, b_uri, before, after)), catalog.compare(before, after))


def migrations_vs_sources(server_uri: str, project: Project) -> Difference:
    with scratch_database(server_uri) as migrated, scratch_database(server_uri) as declared:
        deploy_migrations(migrated, project)
        render.load_sources(declared, project)
        return compare(migrated, declared)


def target_vs_sources(target_uri: str, project: Project, server_uri: str | None = None) -> Difference:
    """The live target against the sources, loaded into a scratch database on `server_uri` (default:
    the target's own server)."""
    with scratch_database(server_uri or target_uri) as declared:
        render.load_sources(declared, project)
        _same_partitions(target_uri, declared)
        return compare(target_uri, declared)


_PARTITIONS = """
    select c.relname::text, p.relname::text, pg_catalog.pg_get_expr(c.relpartbound, c.oid),
           pg_catalog.obj_description(c.oid, 'pg_class')
      from pg_catalog.pg_inherits i
      join pg_catalog.pg_class c on c.oid = i.inhrelid
      join pg_catalog.pg_class p on p.oid = i.inhparent
     where p.relnamespace = %s::regnamespace and p.relkind = 'p'
       and pg_catalog.pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT'  -- the default partitions are declared"""


def _same_partitions(live_uri: str, scratch_uri: str) -> None:
    """Give the scratch database the monthly partitions the live one has, and only those.

    Monthly partitions are data, not schema: `ensure_partitions` makes them as the months come
    (and an import makes past ones), so a database that has lived has others than the sources
    make today. Made alike on both sides, they drop out of the comparison, while anything done by
    hand to a partition (an index, a grant) still shows.
    """
    with connect(live_uri, autocommit=False) as live:
        wanted = {row[0]: row for row in live.execute(_PARTITIONS, (catalog.SCHEMA,))}
    with connect(scratch_uri) as conn:
        present = {row[0]: row for row in conn.execute(_PARTITIONS, (catalog.SCHEMA,))}
        for name in present.keys() - wanted.keys():
            conn.execute(sql.SQL("drop table {}.{}").format(sql.Identifier(catalog.SCHEMA), sql.Identifier(name)))
        for name, parent, bound, comment in (wanted[name] for name in sorted(wanted.keys() - present.keys())):
            conn.execute(sql.SQL("create table {}.{} partition of {}.{} {}").format(
                sql.Identifier(catalog.SCHEMA), sql.Identifier(name), sql.Identifier(catalog.SCHEMA),
                sql.Identifier(parent), sql.SQL(bound)))
            conn.execute(sql.SQL("comment on table {}.{} is {}").format(
                sql.Identifier(catalog.SCHEMA), sql.Identifier(name), sql.Literal(comment)))


# Drafting a change ------------------------------------------------------------------------------

# Type changes that keep every value: anything else a type change does may lose or alter data.
_WIDENING = [
    (r"character varying\((\d+)\)", r"character varying\((\d+)\)", lambda a, b: int(b) >= int(a)),
    (r"character varying(\(\d+\))?", r"text", None),
    (r"smallint", r"integer|bigint|numeric", None),
    (r"integer", r"bigint|numeric", None),
    (r"numeric\(\d+,\d+\)", r"numeric", None),
]
_TYPE_CHANGE = re.compile(r'alter table "?(\w+)"?\."?(\w+)"? alter column "?(\w+)"? set data type (.+?) using', re.I | re.S)
_LOSES_DATA = re.compile(r"^\s*(drop\s+(table|schema|sequence|materialized\s+view)\b|alter\s+table\s+.*\bdrop\s+column\b)",
                         re.I | re.S)


@dataclass
class Draft:
    deploy: str  # statements taking the migrations to the sources
    revert: str  # statements taking the sources back to the migrations
    verify: str  # statements that fail unless the deploy's objects are in place
    destructive: list[str]  # statements of `deploy` that lose data
    leftovers: list[str]  # differences the statements do not cover (the draft would be wrong)


def _widens(old: str, new: str) -> bool:
    for before, after, test in _WIDENING:
        a, b = re.fullmatch(before, old), re.fullmatch(after, new)
        if a and b and (test is None or test(a.group(1), b.group(1))):
            return True
    return old == new


def destructive_statements(statements: list[str], columns: dict[str, tuple]) -> list[str]:
    """The statements that lose data: drops of tables and columns, and type changes that narrow."""
    lossy = []
    for text in statements:
        if _LOSES_DATA.match(text):
            lossy.append(text)
        elif m := _TYPE_CHANGE.search(text):
            old = columns.get(f"{m.group(2)}.{m.group(3)}", ("", ""))[1]
            if not _widens(old, m.group(4).strip()):
                lossy.append(text)
    return lossy


def _statements(script: str) -> list[str]:
    """results' script as statements; its session-wide `set` made local to the change's transaction."""
    out = []
    for text in sqlparse.split(script):
        text = text.strip()
        if text:
            out.append(re.sub(r"^set (?!local\b)", "set local ", text, flags=re.I))
    return out


# Statements of results that re-create an object, with the object's kind and its snapshot key.
_RECREATING = [
    (re.compile(r'alter table "(\w+)"\."(\w+)" (?:drop|add|validate) constraint "(\w+)"', re.I), "constraint", "{0}.{1}.{2}"),
    (re.compile(r'(?:drop|create) policy "(\w+)"\s+on "(\w+)"\."(\w+)"', re.I), "policy", "{1}.{2}.{0}"),
]


def _migration(a_uri: str, b_uri: str, a: dict, b: dict) -> list[str]:
    """results' statements from a to b (snapshots `a` and `b`), less its re-creation of unchanged objects.

    results drops and re-adds every foreign key that references a table it alters, including the
    copies on partitions that cannot be dropped one by one, and re-creates a policy whose roles
    differ only by the owner's name (`to current_user` names the deploying role). An object the
    same on both sides, as the snapshots see it, needs no statement.
    """
    import results
    from results.dbdiff import Migration

    migration = Migration(results.db(a_uri), results.db(b_uri), schema=catalog.SCHEMA)
    migration.set_safety(False)
    migration.add_all_changes_ordered(privileges=True)
    kept = []
    for text in _statements(migration.sql):
        for pattern, kind, key in _RECREATING:
            if (m := pattern.match(text)) and (name := key.format(*m.groups())) in a[kind] \
                    and a[kind][name] == b[kind].get(name):
                break
        else:
            kept.append(text)
    return kept


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# Where each kind of object named on a table lives in the catalogue, and how it is found there.
_ON_TABLE = {
    "column": ("pg_attribute", "attrelid = {} and attname = {} and not attisdropped"),
    "constraint": ("pg_constraint", "conrelid = {} and conname = {}"),
    "trigger": ("pg_trigger", "tgrelid = {} and tgname = {}"),
    "policy": ("pg_policy", "polrelid = {} and polname = {}"),
}


def verify_statements(before: dict, after: dict, bodies: dict[str, str]) -> list[str]:
    """Checks that fail (by error or division by zero) unless the objects that changed are as in `after`.

    `bodies` holds the md5 of each function's body in `after`, by signature.
    """
    s = catalog.SCHEMA
    checks = []
    for kind in ("type", "relation", "column", "constraint", "trigger", "function", "policy"):
        old, new = before.get(kind, {}), after.get(kind, {})
        for name in sorted(set(old) | set(new)):
            if old.get(name) == new.get(name):
                continue
            gone = name not in new
            if kind == "type":
                checks.append(f"select 1 / (to_regtype({_literal(f'{s}.{name}')}) is null)::integer;" if gone else
                              f"select 1 / (string_agg(enumlabel, ',' order by enumsortorder) = {_literal(new[name][0])})"
                              f"::integer from pg_catalog.pg_enum where enumtypid = {_literal(f'{s}.{name}')}::regtype;")
            elif kind == "relation":
                checks.append(f"select 1 / (to_regclass({_literal(f'{s}.{name}')}) is null)::integer;" if gone else
                              f"select 1 / (relrowsecurity = {new[name][6]} and relforcerowsecurity = {new[name][7]})"
                              f"::integer from pg_catalog.pg_class where oid = {_literal(f'{s}.{name}')}::regclass;")
            elif kind == "function":
                checks.append(f"select 1 / (to_regprocedure({_literal(name)}) is null)::integer;" if gone else
                              f"select 1 / (md5(prosrc) = {_literal(bodies[name])})::integer from pg_catalog.pg_proc "
                              f"where oid = {_literal(name)}::regprocedure;")
            else:  # named on a table (columns by table name, the others by the table's regclass text)
                rel, obj = name.split(".", 1) if kind == "column" else name.rsplit(".", 1)
                rel = f"{s}.{rel}" if kind == "column" else rel
                table, where = _ON_TABLE[kind]
                where = where.format(f"to_regclass({_literal(rel)})", _literal(obj))
                if gone:
                    checks.append(f"select 1 / (count(*) = 0)::integer from pg_catalog.{table} where {where};")
                else:
                    if kind == "column":  # with its type and nullability
                        where += (f" and format_type(atttypid, atttypmod) = {_literal(new[name][1])}"
                                  f" and attnotnull = {new[name][2]}")
                    checks.append(f"select 1 / count(*) from pg_catalog.{table} where {where};")
    return checks


def _unplaced(snap: dict) -> dict:
    """The snapshot without column positions."""
    return dict(snap, column={name: row[1:] for name, row in snap["column"].items()})


def _apply(uri: str, statements: list[str]) -> None:
    with connect(uri, autocommit=False) as conn:
        for text in statements:
            conn.execute(text)


def draft(server_uri: str, project: Project) -> Draft:
    """The change that takes the migrations to the sources, tried on scratch databases both ways."""
    with scratch_database(server_uri) as migrated, scratch_database(server_uri) as declared:
        deploy_migrations(migrated, project)
        render.load_sources(declared, project)
        with connect(migrated, autocommit=False) as a, connect(declared, autocommit=False) as b:
            before, after = catalog.snapshot(a), catalog.snapshot(b)
            bodies = dict(b.execute("select oid::regprocedure::text, md5(prosrc) from pg_catalog.pg_proc "
                                    "where pronamespace = %s::regnamespace", (catalog.SCHEMA,)).fetchall())
        forward, backward = _migration(migrated, declared, before, after), _migration(declared, migrated, after, before)
        verify = verify_statements(before, after, bodies)
        leftovers = []
        if forward:
            _apply(migrated, forward)  # try it: the deploy must give the sources, the revert the migrations
            with connect(migrated, autocommit=False) as a:
                deployed = catalog.snapshot(a)
            leftovers += [f"after deploy: {line}" for line in catalog.compare(deployed, after)]
            moved = [name for name, row in deployed["column"].items()
                     if name in after["column"] and row != after["column"][name] and row[1:] == after["column"][name][1:]]
            if moved:
                leftovers.append(f"columns in another order than the sources declare ({', '.join(sorted(moved))}): "
                                 "ALTER TABLE adds a column after the existing ones, so declare new columns at "
                                 "the end of the table in its source")
            _apply(migrated, verify)
            _apply(migrated, backward)
            with connect(migrated, autocommit=False) as a:
                reverted = catalog.snapshot(a)
            # A revert that adds back a dropped column adds it last: its position cannot be restored.
            leftovers += [f"after revert: {line}" for line in catalog.compare(_unplaced(reverted), _unplaced(before))]
    return Draft("\n\n".join(forward), "\n\n".join(backward), "\n".join(verify),
                 destructive_statements(forward, before["column"]), leftovers)


@dataclass
class Drafted:
    """What `draft_change` did: the files written (none when there was nothing to draft), the sources
    edited without an effect on the schema, the statements that lose data, what lint asks to review."""

    written: list
    unrecorded: list[str]
    destructive: list[str]
    review: list


def draft_change(project: Project, name: str, server_uri: str, allow_destructive: bool, requires: list[str],
                 note: str) -> Drafted:
    """Draft the change NAME that takes the migrations to the sources, write it, and lint it.

    Refused (DraftRefused) when the drafted statements do not reproduce the sources, or lose data
    without `allow_destructive`.
    """
    from . import lint

    render.check_new_change(project, name)
    drafted = draft(server_uri, project)
    if not drafted.deploy:
        return Drafted([], render.stale_sources(project), [], [])
    if drafted.leftovers:
        raise DraftRefused("the drafted statements do not reproduce the sources; write this change by hand "
                           "(progflow add):\n  " + "\n  ".join(drafted.leftovers))
    if drafted.destructive and not allow_destructive:
        raise DraftRefused(
            f"refusing to draft {name}: {len(drafted.destructive)} statements would lose data:\n  "
            + "\n  ".join(" ".join(s.split()) for s in drafted.destructive),
            hint="Keep the data (rename, or copy it first), or pass --allow-destructive: the revert will then "
                 "recreate the objects without their data.")
    sources = [source for source, _ in render.stale(project)]
    written = render.draft(project, name, drafted, sources, requires, note)
    return Drafted(written, [], drafted.destructive, lint.lint(project, (str(written[0]),)).findings)
