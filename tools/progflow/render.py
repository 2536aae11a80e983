"""Writing changes: jinja2 templates, with the declarative source included when the change is written.

The rendered deploy script is committed and never re-rendered: Sqitch hashes it. Its header names
the source and the source's sha256, so a later check can tell which sources changed since.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import jinja2

from . import plan as plan_mod
from .errors import UsageError
from .project import Project

SCHEMA = "progflow"
KINDS = {"schema": "sql/{schema}/schema.sql", "types": "sql/{schema}/types/{name}.sql",
         "tables": "sql/{schema}/tables/{name}.sql", "functions": "functions/{schema}/{name}.sql",
         "views": "views/{schema}/{name}.sql"}


@dataclass
class Source:
    path: str  # relative to the project root
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def kind_of(change: str) -> tuple[str, str]:
    kind, _, name = change.partition("/")
    return (kind, name) if name else (change, change)


def source_for(root: Path, change: str) -> Source | None:
    kind, name = kind_of(change)
    pattern = KINDS.get(kind)
    if pattern is None:
        return None
    rel = pattern.format(schema=SCHEMA, name=name)
    path = root / rel
    if not path.is_file():
        raise UsageError(f"change {change} expects its source at {rel}, which does not exist",
                         hint="Write the declarative source first, then add the change.")
    return Source(rel, path.read_text(encoding="utf-8"))


def _table_facts(text: str) -> dict:
    body = text[text.index("(") + 1:text.index("\n)")]
    columns = [m.group(1) for m in re.finditer(r"^\s{2}(\w+)\s+(?!key\b)[\w.]+", body, re.M)
               if m.group(1) not in ("constraint", "primary", "unique", "check", "foreign")]
    return {
        "columns": columns,
        "constraints": re.findall(r"constraint\s+(\w+)\s+(?:primary|unique|foreign|check)", text),
        "indexes": re.findall(r"create (?:unique )?index\s+(\w+)", text),
        "triggers": re.findall(r"create (?:constraint )?trigger\s+(\w+)", text),
        "partitions": re.findall(rf"create table {SCHEMA}\.(\w+)\s+partition of", text),
    }


def context(change: str, source: Source | None) -> dict:
    kind, name = kind_of(change)
    ctx = {"schema": SCHEMA, "change": change, "kind": kind, "name": name, "source": source}
    if source is None:
        return ctx
    if kind == "tables":
        ctx.update(_table_facts(source.text))
    elif kind == "functions":
        ctx["triggers"] = re.findall(r"create (?:constraint )?trigger\s+(\w+)\s+[^;]*?\bon\s+([\w.]+)", source.text)
    elif kind == "types":
        m = re.search(r"as enum \(([^)]*)\)", source.text)
        ctx["labels"] = re.findall(r"'([^']*)'", m.group(1)) if m else []
    return ctx


def stale_sources(proj: Project) -> list[str]:
    """Sources whose text differs from what their latest change included (edited, not yet reworked)."""
    latest = {c.name: c for c in proj.plan.changes}
    stale = []
    for name, change in latest.items():
        if kind_of(name)[0] not in KINDS:
            continue
        source = source_for(proj.root, name)
        deploy = proj.plan.script("deploy", change).read_text(encoding="utf-8")
        header = re.search(r"^-- source: (\S+) sha256:([0-9a-f]{64})$", deploy, re.M)
        if header is None or header.group(1) != source.path or header.group(2) != source.sha256:
            stale.append(f"{source.path} (latest change: {name})")
    return stale


def sources_sql(root: Path) -> str:
    """The declarative schema as one script: sql/load.sql with each \\ir line replaced by its file."""
    root = root.resolve()
    manifest = root / "sql" / "load.sql"
    parts = [f"-- The progflow schema, rendered from {manifest.relative_to(root)}: load it into an empty database.\n"]
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if line.startswith("\\ir "):
            path = (manifest.parent / line.split(None, 1)[1]).resolve()
            parts.append(f"\n-- {path.relative_to(root)}\n{path.read_text(encoding='utf-8').rstrip()}\n")
        elif not line.startswith("--"):
            parts.append(line + "\n")
    return "".join(parts)


def environment(root: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(root / "migrations" / "templates"), str(root)]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )


def add(proj: Project, change: str, requires: list[str], note: str, planner: str | None = None,
        email: str | None = None) -> list[Path]:
    """Write deploy/revert/verify for a new change and append it to the plan; returns the files."""
    plan = proj.plan
    if any(c.name == change for c in plan.changes):
        raise UsageError(f"{change} is already in the plan", hint="Rework it after a tag instead of adding it again.")
    if not re.fullmatch(r"[A-Za-z_][\w/-]*[A-Za-z0-9_]", change):
        raise UsageError(f"{change!r} is not a valid change name", hint="Use letters, digits, _, - and /, as in tables/users.")
    source = source_for(proj.root, change)
    env = environment(proj.root)
    ctx = dict(context(change, source), project=plan.project, requires=requires, note=note)
    written = []
    for kind in ("deploy", "revert", "verify"):
        path = plan.top_dir / kind / f"{change}.sql"
        if path.exists():
            raise UsageError(f"{path.relative_to(proj.root)} exists already", hint="Remove it or pick another name.")
        template = env.select_template([f"{kind}/{ctx['kind']}.sql.j2", f"{kind}/change.sql.j2"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.render(ctx), encoding="utf-8")
        written.append(path)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    deps = f" [{' '.join(requires)}]" if requires else ""
    line = f"{change}{deps} {stamp} {planner or proj.committer_name} <{email or proj.committer_email}>"
    plan_mod.append_change(plan.path, line + (f" # {note}" if note else ""))
    return written
