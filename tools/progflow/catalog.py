"""A snapshot of schema progflow from the system catalogue, and the comparison of two snapshots.

Diff engines see tables, columns, constraints and functions well, and miss owners, grants,
default privileges, comments, forced row-level security and view options. The snapshot holds all
of them, so "identical" means identical.
"""

from __future__ import annotations

import psycopg

SCHEMA = "progflow"

# Role names are compared with the owner replaced by <owner>: a database deployed by one role and
# the declarative build made by another are the same schema when each owns its objects.
_OWNER = "(select nspowner from pg_namespace where nspname = %(schema)s)"


def _role(oid: str) -> str:
    return f"case {oid} when 0 then 'PUBLIC' when {_OWNER} then '<owner>' else pg_get_userbyid({oid})::text end"


def _acl(acl: str, kind: str, owner: str) -> str:
    """An ACL as sorted grantee=privilege/grantor items; a NULL ACL reads as the default it stands for."""
    items = f"aclexplode(coalesce({acl}, acldefault('{kind}', {owner})))" if kind else f"aclexplode({acl})"
    item = (f"{_role('a.grantee')} || '=' || a.privilege_type || case when a.is_grantable then '*' else '' end"
            f" || '/' || {_role('a.grantor')}")
    return f"coalesce((select string_agg(i, ',' order by i) from (select {item} as i from {items} a) s), '')"

QUERIES = {
    "relation": """
        select c.relname, c.relkind::text, c.relispartition, coalesce(pg_get_expr(c.relpartbound, c.oid), ''),
               coalesce(obj_description(c.oid, 'pg_class'), ''), """ + _role("c.relowner") + """,
               """ + _acl("c.relacl", "r", "c.relowner") + """, c.relrowsecurity, c.relforcerowsecurity,
               coalesce(array_to_string(c.reloptions, ','), '')
          from pg_class c where c.relnamespace = %(schema)s::regnamespace and c.relkind <> 'S'""",
    "column": """
        select c.relname || '.' || a.attname,
               -- the place among the live columns: a dropped column leaves a gap in attnum no query sees
               row_number() over (partition by a.attrelid order by a.attnum),
               format_type(a.atttypid, a.atttypmod), a.attnotnull,
               coalesce(pg_get_expr(d.adbin, d.adrelid), ''), coalesce(col_description(c.oid, a.attnum), ''),
               """ + _acl("a.attacl", "", "") + """
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
               """ + _role("p.proowner") + """, """ + _acl("p.proacl", "f", "p.proowner") + """
          from pg_proc p where p.pronamespace = %(schema)s::regnamespace""",
    "type": """
        select t.typname, coalesce(string_agg(e.enumlabel, ',' order by e.enumsortorder), ''),
               coalesce(obj_description(t.oid, 'pg_type'), ''), """ + _role("t.typowner") + """
          from pg_type t left join pg_enum e on e.enumtypid = t.oid
         where t.typnamespace = %(schema)s::regnamespace and t.typtype = 'e' group by t.oid, t.typname""",
    "policy": """
        select pol.polrelid::regclass::text || '.' || pol.polname, pol.polcmd::text, pol.polpermissive,
               array_to_string(array(select """ + _role("r") + """ from unnest(pol.polroles) r order by 1), ','),
               coalesce(pg_get_expr(pol.polqual, pol.polrelid), ''), coalesce(pg_get_expr(pol.polwithcheck, pol.polrelid), '')
          from pg_policy pol join pg_class c on c.oid = pol.polrelid
         where c.relnamespace = %(schema)s::regnamespace""",
    "schema": """
        select n.nspname, """ + _role("n.nspowner") + """, """ + _acl("n.nspacl", "n", "n.nspowner") + """,
               coalesce(obj_description(n.oid, 'pg_namespace'), '')
          from pg_namespace n where n.nspname = %(schema)s""",
    "default privilege": """
        select """ + _role("d.defaclrole") + """ || ' ' || d.defaclobjtype::text, """ + _acl("d.defaclacl", "", "") + """
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
