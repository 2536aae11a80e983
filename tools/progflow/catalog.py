"""A snapshot of schema progflow from the system catalogue, and the comparison of two snapshots.

Diff engines see tables, columns, constraints and functions well, and miss owners, grants,
default privileges, comments, forced row-level security and view options. The snapshot holds all
of them, so "identical" means identical.
"""

from __future__ import annotations

import psycopg

SCHEMA = "progflow"

QUERIES = {
    "relation": """
        select c.relname, c.relkind::text, c.relispartition, coalesce(pg_get_expr(c.relpartbound, c.oid), ''),
               coalesce(obj_description(c.oid, 'pg_class'), ''), pg_get_userbyid(c.relowner)::text,
               coalesce(c.relacl::text, ''), c.relrowsecurity, c.relforcerowsecurity,
               coalesce(array_to_string(c.reloptions, ','), '')
          from pg_class c where c.relnamespace = %(schema)s::regnamespace and c.relkind <> 'S'""",
    "column": """
        select c.relname || '.' || a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               coalesce(pg_get_expr(d.adbin, d.adrelid), ''), coalesce(col_description(c.oid, a.attnum), ''),
               coalesce(a.attacl::text, '')
          from pg_attribute a join pg_class c on c.oid = a.attrelid
          left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
         where c.relnamespace = %(schema)s::regnamespace and a.attnum > 0 and not a.attisdropped""",
    "constraint": """
        select conrelid::regclass::text || '.' || conname, pg_get_constraintdef(oid),
               coalesce(obj_description(oid, 'pg_constraint'), '')
          from pg_constraint where connamespace = %(schema)s::regnamespace and contype <> 'n'""",
    "index": """
        select indexrelid::regclass::text, pg_get_indexdef(indexrelid) from pg_index i
          join pg_class c on c.oid = i.indexrelid where c.relnamespace = %(schema)s::regnamespace""",
    "trigger": """
        select tgrelid::regclass::text || '.' || tgname, pg_get_triggerdef(oid) from pg_trigger
         where tgrelid in (select oid from pg_class where relnamespace = %(schema)s::regnamespace)
           and not tgisinternal""",
    "function": """
        select p.oid::regprocedure::text, pg_get_functiondef(p.oid), coalesce(obj_description(p.oid, 'pg_proc'), ''),
               pg_get_userbyid(p.proowner)::text, coalesce(p.proacl::text, '')
          from pg_proc p where p.pronamespace = %(schema)s::regnamespace""",
    "type": """
        select t.typname, coalesce(string_agg(e.enumlabel, ',' order by e.enumsortorder), ''),
               coalesce(obj_description(t.oid, 'pg_type'), ''), pg_get_userbyid(t.typowner)::text
          from pg_type t left join pg_enum e on e.enumtypid = t.oid
         where t.typnamespace = %(schema)s::regnamespace and t.typtype = 'e' group by t.oid, t.typname""",
    "policy": """
        select pol.polrelid::regclass::text || '.' || pol.polname, pol.polcmd::text, pol.polpermissive,
               coalesce(array_to_string(array(select rolname from pg_roles where oid = any (pol.polroles) order by 1), ','), ''),
               coalesce(pg_get_expr(pol.polqual, pol.polrelid), ''), coalesce(pg_get_expr(pol.polwithcheck, pol.polrelid), '')
          from pg_policy pol join pg_class c on c.oid = pol.polrelid
         where c.relnamespace = %(schema)s::regnamespace""",
    "schema": """
        select n.nspname, pg_get_userbyid(n.nspowner)::text, coalesce(n.nspacl::text, ''),
               coalesce(obj_description(n.oid, 'pg_namespace'), '')
          from pg_namespace n where n.nspname = %(schema)s""",
    "default privilege": """
        select pg_get_userbyid(d.defaclrole)::text || ' ' || d.defaclobjtype::text, d.defaclacl::text
          from pg_default_acl d where d.defaclnamespace in (0, %(schema)s::regnamespace)""",
}


def snapshot(conn: psycopg.Connection, schema: str = SCHEMA) -> dict[str, dict[str, tuple]]:
    """Every object of the schema, by kind and name, with the attributes that must match."""
    result = {}
    for kind, query in QUERIES.items():
        rows = conn.execute(query, {"schema": schema}).fetchall() if _schema_exists(conn, schema) else []
        result[kind] = {row[0]: tuple(row[1:]) for row in rows}
    return result


def _schema_exists(conn: psycopg.Connection, schema: str) -> bool:
    return conn.execute("select to_regnamespace(%s) is not null", (schema,)).fetchone()[0]


def compare(a: dict[str, dict[str, tuple]], b: dict[str, dict[str, tuple]]) -> list[str]:
    """One line per object that differs between two snapshots: missing on one side, or changed."""
    lines = []
    for kind in QUERIES:
        left, right = a.get(kind, {}), b.get(kind, {})
        for name in sorted(set(left) | set(right)):
            if name not in right:
                lines.append(f"{kind} {name}: only in the first")
            elif name not in left:
                lines.append(f"{kind} {name}: only in the second")
            elif left[name] != right[name]:
                lines.append(f"{kind} {name}: differs")
    return lines
