"""docs/: a schema reference and an ERD, generated from the catalogue and the `comment on` texts.

The sources are loaded into a scratch database and read back from the system catalogue, so the
documents say exactly what the database holds. The output is deterministic: generating twice
gives the same bytes, and `progflow docs --check` fails when docs/ is stale.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import psycopg

from . import render
from .connection import connect, scratch_database
from .errors import UsageError
from .project import Project

SCHEMA = "progflow"


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _tables(conn: psycopg.Connection) -> list[str]:
    out = ["## Tables", ""]
    tables = conn.execute("""
        select c.oid, c.relname, coalesce(obj_description(c.oid, 'pg_class'), ''), c.relkind = 'p'
          from pg_class c where c.relnamespace = %s::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
         order by c.relname""", (SCHEMA,)).fetchall()
    for oid, name, comment, partitioned in tables:
        out += [f"### {name}", "", comment + (" (partitioned)" if partitioned else ""), "",
                "| column | type | null | default | description |", "|---|---|---|---|---|"]
        for col in conn.execute("""
            select a.attname, format_type(a.atttypid, a.atttypmod), not a.attnotnull,
                   coalesce(pg_get_expr(d.adbin, d.adrelid), ''), coalesce(col_description(a.attrelid, a.attnum), '')
              from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
             where a.attrelid = %s and a.attnum > 0 and not a.attisdropped order by a.attnum""", (oid,)):
            out.append(f"| `{col[0]}` | {col[1]} | {'yes' if col[2] else 'no'} | {_cell(col[3])} | {_cell(col[4])} |")
        out += ["", "Constraints:", ""]
        out += [f"- `{n}`: {_cell(d)}" for n, d in conn.execute(
            "select conname, pg_get_constraintdef(oid) from pg_constraint where conrelid = %s and contype <> 'n' "
            "order by conname", (oid,))]
        out += ["", "Indexes:", ""]
        out += [f"- `{n}`: {_cell(d)}" for n, d in conn.execute(
            "select c.relname, pg_get_indexdef(i.indexrelid) from pg_index i join pg_class c on c.oid = i.indexrelid "
            "where i.indrelid = %s order by c.relname", (oid,))]
        out += ["", *_access(conn, oid), ""]
    return out


def _grants(conn: psycopg.Connection, oid: int, catalog: str) -> str:
    """Who besides the owner holds which privileges, e.g. `progflow_app`: INSERT (email, username), DELETE."""
    acl, owner = ("relacl", "relowner") if catalog == "pg_class" else ("proacl", "proowner")
    rows = conn.execute(f"""
        select g.rolname, string_agg(g.privilege, ', ' order by g.privilege)
          from (select coalesce(r.rolname, 'PUBLIC') as rolname, a.privilege_type as privilege
                  from {catalog} o, aclexplode(coalesce(o.{acl}, acldefault(%s, o.{owner}))) a
                  left join pg_roles r on r.oid = a.grantee
                 where o.oid = %s and a.grantee <> o.{owner}
                union all
                select r.rolname, a.privilege_type || ' (' || string_agg(att.attname, ', ' order by att.attnum) || ')'
                  from pg_attribute att, aclexplode(att.attacl) a join pg_roles r on r.oid = a.grantee
                 where %s = 'pg_class' and att.attrelid = %s and att.attacl is not null
                 group by r.rolname, a.privilege_type) g
         group by g.rolname order by g.rolname""",
        ("r" if catalog == "pg_class" else "f", oid, catalog, oid)).fetchall()
    return "; ".join(f"`{role}`: {privileges}" for role, privileges in rows) or "nobody but the owner"


def _access(conn: psycopg.Connection, oid: int) -> list[str]:
    """Grants and row-level security of a table, as a backend team needs to know them."""
    enabled, forced = conn.execute("select relrowsecurity, relforcerowsecurity from pg_class where oid = %s",
                                   (oid,)).fetchone()
    rls = "enabled and forced" if enabled and forced else "enabled" if enabled else "off"
    out = ["Access:", "", f"- granted to {_grants(conn, oid, 'pg_class')}", f"- row-level security {rls}"]
    out += [f"- policy `{n}`: {_cell(d)}" for n, d in conn.execute("""
        select pol.polname,
               'for ' || case pol.polcmd when 'r' then 'select' when 'a' then 'insert' when 'w' then 'update'
                                         when 'd' then 'delete' else 'all' end
               || ' to ' || array_to_string(array(select case r when 0 then 'public'
                                                    when c.relowner then 'the owner' else pg_get_userbyid(r) end
                                                    from unnest(pol.polroles) r order by 1), ', ')
               || coalesce(' using ' || pg_get_expr(pol.polqual, pol.polrelid), '')
               || coalesce(' with check ' || pg_get_expr(pol.polwithcheck, pol.polrelid), '')
          from pg_policy pol join pg_class c on c.oid = pol.polrelid
         where pol.polrelid = %s order by pol.polname""", (oid,))]
    return out


def _views(conn: psycopg.Connection) -> list[str]:
    out = ["## Views", ""]
    for oid, name, comment in conn.execute("""
        select c.oid, c.relname, coalesce(obj_description(c.oid, 'pg_class'), '') from pg_class c
         where c.relnamespace = %s::regnamespace and c.relkind = 'v' order by c.relname""", (SCHEMA,)).fetchall():
        out += [f"### {name}", "", comment, "", f"Granted to {_grants(conn, oid, 'pg_class')}.", "",
                "| column | type | description |", "|---|---|---|"]
        out += [f"| `{n}` | {t} | {_cell(d)} |" for n, t, d in conn.execute("""
            select a.attname, format_type(a.atttypid, a.atttypmod), coalesce(col_description(a.attrelid, a.attnum), '')
              from pg_attribute a where a.attrelid = %s and a.attnum > 0 order by a.attnum""", (oid,))]
        out.append("")
    return out


def _functions(conn: psycopg.Connection) -> list[str]:
    out = ["## Functions", ""]
    for oid, sig, result, volatility, definer, comment in conn.execute("""
        select p.oid, p.oid::regprocedure::text, pg_get_function_result(p.oid),
               case p.provolatile when 'i' then 'immutable' when 's' then 'stable' else 'volatile' end,
               p.prosecdef, coalesce(obj_description(p.oid, 'pg_proc'), '')
          from pg_proc p where p.pronamespace = %s::regnamespace order by 2""", (SCHEMA,)).fetchall():
        runs_as = "security definer" if definer else "security invoker"
        out += [f"### `{sig}`", "", f"Returns `{result}`; {volatility}; {runs_as}; EXECUTE granted to "
                f"{_grants(conn, oid, 'pg_proc').replace(': EXECUTE', '')}.", "", comment, ""]
    return out


def _types(conn: psycopg.Connection) -> list[str]:
    out = ["## Types", ""]
    for name, labels, comment in conn.execute("""
        select t.typname, string_agg(e.enumlabel, ', ' order by e.enumsortorder), coalesce(obj_description(t.oid, 'pg_type'), '')
          from pg_type t join pg_enum e on e.enumtypid = t.oid
         where t.typnamespace = %s::regnamespace group by t.oid, t.typname order by 1""", (SCHEMA,)):
        out.append(f"- `{name}` ({labels}): {comment}")
    return out + [""]


def _entities(conn: psycopg.Connection) -> tuple[dict[str, list[tuple[str, str, bool]]], list[tuple]]:
    """Tables with their (column, type, is primary key), and foreign keys as (child, column, parent, column, name)."""
    tables = {}
    for name, in conn.execute("""
        select c.relname from pg_class c where c.relnamespace = %s::regnamespace and c.relkind in ('r', 'p')
           and not c.relispartition order by 1""", (SCHEMA,)).fetchall():
        tables[name] = conn.execute("""
            select a.attname, (select t.typname from pg_type t where t.oid = a.atttypid),
                   exists (select from pg_constraint k where k.conrelid = a.attrelid and k.contype = 'p'
                            and a.attnum = any (k.conkey))
              from pg_attribute a where a.attrelid = %s::regclass and a.attnum > 0 and not a.attisdropped
             order by a.attnum""", (f"{SCHEMA}.{name}",)).fetchall()
    keys = conn.execute("""
        select c.relname, ca.attname, p.relname, pa.attname, k.conname from pg_constraint k
          join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
          join pg_attribute ca on ca.attrelid = k.conrelid and ca.attnum = k.conkey[1]
          join pg_attribute pa on pa.attrelid = k.confrelid and pa.attnum = k.confkey[1]
         where k.contype = 'f' and k.connamespace = %s::regnamespace and not c.relispartition
         order by 1, 5""", (SCHEMA,)).fetchall()
    return tables, keys


# The areas of the schema, as the ERD groups them (a table in none is drawn under "Other", and a test fails).
AREAS = {
    "Catalogue": ("learning_tracks", "challenges", "challenge_levels", "achievements", "skills",
                  "assessment_questions"),
    "Progress": ("users", "user_stats", "user_challenge_progress", "level_attempts", "user_track_progress",
                 "hint_usage", "learning_sessions", "assessment_results", "attempt_requests"),
    "Gamification": ("xp_transactions", "user_achievements", "user_skills", "daily_challenges",
                     "daily_challenge_attempts", "leaderboard_entries", "leaderboard_ranks", "notifications"),
    "Operations": ("game_settings", "jobs", "job_runs", "audit_log", "legacy_imports", "legacy_import_users",
                   "legacy_import_progress", "legacy_user_map"),
}


def areas(tables: dict) -> dict[str, list[str]]:
    """The tables of each area, in the area's order; "Other" holds any table no area names."""
    placed = {name: area for area, names in AREAS.items() for name in names}
    grouped: dict[str, list[str]] = {area: [n for n in names if n in tables] for area, names in AREAS.items()}
    other = [name for name in tables if name not in placed]
    return {**grouped, "Other": other} if other else grouped


def _mermaid(tables: dict, keys: list) -> list[str]:
    """One diagram per area: its tables with their columns, and the tables of other areas they refer to by name."""
    out = ["# Entity-relationship diagram", "", "Generated by `progflow docs` from the database; do not edit. One",
           "diagram per area of the schema; a table of another area appears by name where a key refers to it.",
           "The whole schema as one picture: [erd.svg](erd.svg).", ""]
    for area, names in areas(tables).items():
        out += [f"## {area}", "", "```mermaid", "erDiagram"]
        for name in names:
            out.append(f"    {name} {{")
            out += [f"        {typ} {col}{' PK' if pk else ''}" for col, typ, pk in tables[name]]
            out.append("    }")
        out += [f'    {parent} ||--o{{ {child} : "{name}"' for child, _, parent, _, name in keys
                if child in names or parent in names]
        out += ["```", ""]
    return out


_AREA_COLOURS = {"Catalogue": "#e8f0e0", "Progress": "#dfe7f2", "Gamification": "#f4e6d8", "Operations": "#ececec",
                 "Other": "#ffffff"}


def _dot(tables: dict, keys: list) -> list[str]:
    out = ["// The ERD of schema progflow, generated by `progflow docs`; graphviz draws erd.svg from it.",
           "digraph progflow {",
           '  graph [rankdir=TB, fontname="Helvetica", nodesep=0.25, ranksep=0.6, newrank=true];',
           '  node [shape=plaintext, fontname="Helvetica", fontsize=10];',
           '  edge [dir=both, arrowtail=tee, arrowhead=crowodot, color="#555555"];']
    for area, names in areas(tables).items():
        out += [f"  subgraph cluster_{area.lower()} {{",
                f'    label=<<b>{area}</b>>; style=filled; color="#bbbbbb"; fillcolor="{_AREA_COLOURS[area]}";']
        for name in names:
            rows = "".join(f'<tr><td align="left" port="{col}">{"<b>" if pk else ""}{col}{"</b>" if pk else ""} '
                           f'<font color="#666666">{typ}</font></td></tr>' for col, typ, pk in tables[name])
            out.append(f'    {name} [label=<<table border="0" cellborder="1" cellspacing="0" cellpadding="3" '
                       f'bgcolor="white"><tr><td bgcolor="#dfe7f2"><b>{name}</b></td></tr>{rows}</table>>];')
        out.append("  }")
    out += [f'  {parent}:{pcol} -> {child}:{ccol} [tooltip="{name}"];' for child, ccol, parent, pcol, name in keys]
    return out + ["}", ""]


def generate(conn: psycopg.Connection) -> dict[str, str]:
    """The documents, by file name under docs/."""
    head = ["# Schema reference", "", "Generated by `progflow docs` from the `comment on` texts of schema `progflow`;",
            "do not edit: change the comments in `sql/`, `functions/` or `views/` and run `progflow docs`.", ""]
    schema = head + _types(conn) + _tables(conn) + _views(conn) + _functions(conn)
    tables, keys = _entities(conn)
    return {"schema.md": "\n".join(schema).rstrip() + "\n", "erd.md": "\n".join(_mermaid(tables, keys)).rstrip() + "\n",
            "erd.dot": "\n".join(_dot(tables, keys))}


def build(server_uri: str, project: Project) -> dict[str, str]:
    with scratch_database(server_uri) as uri:
        render.load_sources(uri, project)
        with connect(uri, autocommit=False) as conn:
            return generate(conn)


def _svg_stamp(dot: str) -> str:
    return f"<!-- drawn by graphviz from erd.dot sha256:{hashlib.sha256(dot.encode('utf-8')).hexdigest()} -->"


def stale(project: Project, documents: dict[str, str]) -> list[str]:
    """The files under docs/ that differ from the generated documents.

    erd.svg is current when it was drawn from the current erd.dot: graphviz's bytes differ between
    its releases, so the picture is checked by the stamp of its source, not compared.
    """
    folder = project.root / "docs"
    names = [name for name, text in documents.items()
             if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
    svg = folder / "erd.svg"
    if not svg.is_file() or _svg_stamp(documents["erd.dot"]) not in svg.read_text(encoding="utf-8"):
        names.append("erd.svg")
    return names


def draw(dot: str) -> str:
    """erd.svg from erd.dot, by graphviz's `dot`, stamped with the source's hash."""
    binary = shutil.which("dot")
    if binary is None:
        raise UsageError("graphviz's dot is needed to draw docs/erd.svg",
                         hint="apt-get install graphviz (brew install graphviz on macOS).")
    done = subprocess.run([binary, "-Tsvg"], input=dot, capture_output=True, text=True)
    if done.returncode != 0:
        raise UsageError(f"dot failed: {done.stderr.strip()[:300]}")
    svg = re.sub(r"<!-- Generated by graphviz[^>]*-->\n", "", done.stdout)
    head, _, rest = svg.partition("\n")
    return f"{head}\n{_svg_stamp(dot)}\n{rest}" if head.startswith("<?xml") else f"{_svg_stamp(dot)}\n{svg}"


def write(project: Project, documents: dict[str, str]) -> list[Path]:
    folder = project.root / "docs"
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    if "erd.svg" in stale(project, documents):
        (folder / "erd.svg").write_text(draw(documents["erd.dot"]), encoding="utf-8")
        written.append(folder / "erd.svg")
    return written
