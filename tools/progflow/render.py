"""Writing changes: jinja2 templates, with the declarative source included when the change is written.

The rendered deploy script is committed and never re-rendered: Sqitch hashes it. Its header names
the source and the source's sha256, so a later check can tell which sources changed since.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import plan as plan_mod
from .errors import UsageError
from .project import Project

SCHEMA = "progflow"
KINDS = {"roles": "sql/{schema}/roles.sql", "schema": "sql/{schema}/schema.sql", "types": "sql/{schema}/types/{name}.sql",
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
    create = re.search(rf"^create table {SCHEMA}\.\w+\s*\(", text, re.M)  # not a parenthesis of a comment above it
    start = create.end() if create else text.index("(") + 1
    body = text[start:text.index("\n)", start)]
    columns = [m.group(1) for m in re.finditer(r"^\s{2}(\w+)\s+(?!key\b)[\w.]+", body, re.M)
               if m.group(1) not in ("constraint", "primary", "unique", "check", "foreign")]
    return {
        "columns": columns,
        "constraints": re.findall(r"constraint\s+(\w+)\s+(?:primary|unique|foreign|check)", text),
        "indexes": re.findall(r"create (?:unique )?index\s+(\w+)", text),
        "triggers": re.findall(r"create (?:or replace )?(?:constraint )?trigger\s+(\w+)", text),
        "partitions": re.findall(rf"create table {SCHEMA}\.(\w+)\s+partition of", text),
        "policies": re.findall(r"create policy\s+(\w+)", text),
        "forced": "force row level security" in text,
    }


def _function_facts(name: str, text: str) -> dict:
    """What a function's verify script proves: its signature (from its `revoke all … from public`),
    SECURITY DEFINER or not, its pinned search_path, the roles granted EXECUTE, its triggers."""
    revoke = re.search(rf"^revoke all on function ({SCHEMA}\.{name}\([^)]*\)) from public;", text, re.M)
    path = re.search(r"^\s*set search_path\s*(?:=|to)\s*([^\n]+?)\s*$", text, re.M | re.I)
    executors = [role.strip() for roles in re.findall(rf"^grant execute on function {SCHEMA}\.{name}\([^)]*\) to ([\w, ]+);",
                                                      text, re.M) for role in roles.split(",")]
    return {
        "signature": revoke.group(1) if revoke else None,
        "definer": re.search(r"^\s*security definer\s*$", text, re.M | re.I) is not None,
        "search_path": path.group(1) if path else None,
        "executors": executors,
        "triggers": re.findall(r"create (?:or replace )?(?:constraint )?trigger\s+(\w+)\s+[^;]*?\bon\s+([\w.]+)", text),
    }


def context(change: str, source: Source | None) -> dict:
    kind, name = kind_of(change)
    ctx = {"schema": SCHEMA, "change": change, "kind": kind, "name": name, "source": source,
           "sources": [source] if source else []}
    if source is None:
        return ctx
    if kind == "tables":
        ctx.update(_table_facts(source.text))
    elif kind == "functions":
        ctx.update(_function_facts(name, source.text))
    elif kind == "roles":
        m = re.search(r"array\[([^\]]*)\]", source.text)
        ctx["roles"] = re.findall(r"'(\w+)'", m.group(1)) if m else []
    elif kind == "types":
        m = re.search(r"as enum \(([^)]*)\)", source.text)
        ctx["labels"] = re.findall(r"'([^']*)'", m.group(1)) if m else []
    return ctx


def load_sources(uri: str, project: Project) -> None:
    """Load the declarative sources, in their one order, into the (empty) database at `uri`."""
    from .connection import connect

    with connect(uri, purpose="sources") as conn:
        conn.execute(sources_sql(project.root))


def stale_sources(proj: Project) -> list[str]:
    """One line per source edited since its newest change, naming that change."""
    return [f"{source.path} (latest change: {name})" if name else f"{source.path} (in no change yet)"
            for source, name in stale(proj)]


def stale(proj: Project) -> list[tuple[Source, str | None]]:
    """Sources whose text differs from what the newest change that includes them included, with that change.

    A change includes a source when its deploy script has the source's `-- source: path sha256:`
    header (added changes and reworks include one, drafts one for each source they cover).
    """
    included: dict[str, tuple[str, str]] = {}
    for change in proj.plan.changes:  # in plan order: the newest inclusion wins
        deploy = proj.plan.script("deploy", change).read_text(encoding="utf-8")
        for path, digest in re.findall(r"^-- source: (\S+) sha256:([0-9a-f]{64})$", deploy, re.M):
            included[path] = (digest, change.name)
    edited = []
    for path in manifest(proj.root):
        source = Source(str(path.relative_to(proj.root.resolve())), path.read_text(encoding="utf-8"))
        digest, name = included.get(source.path, (None, None))
        if digest != source.sha256:
            edited.append((source, name))
    return edited


def manifest(root: Path) -> list[Path]:
    """The declarative sources in their load order: the files sql/load.sql includes."""
    root = root.resolve()
    load = root / "sql" / "load.sql"
    return [(load.parent / line.split(None, 1)[1]).resolve()
            for line in load.read_text(encoding="utf-8").splitlines() if line.startswith("\\ir ")]


def sources_sql(root: Path) -> str:
    """The declarative schema as one script: sql/load.sql with each \\ir line replaced by its file."""
    root = root.resolve()
    manifest_path = root / "sql" / "load.sql"
    parts = [f"-- The progflow schema, rendered from {manifest_path.relative_to(root)}: load it into an empty database.\n"]
    files = iter(manifest(root))
    for line in manifest_path.read_text(encoding="utf-8").splitlines():
        if line.startswith("\\ir "):
            path = next(files)
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


def check_new_change(proj: Project, change: str) -> None:
    """Refuse a name that is invalid, already planned, or whose scripts exist."""
    if not re.fullmatch(r"[A-Za-z_][\w/-]*[A-Za-z0-9_]", change):
        raise UsageError(f"{change!r} is not a valid change name", hint="Use letters, digits, _, - and /, as in tables/users.")
    if any(c.name == change for c in proj.plan.changes):
        raise UsageError(f"{change} is already in the plan", hint="Rework it after a tag instead of adding it again.")
    for kind in ("deploy", "revert", "verify"):
        path = proj.plan.top_dir / kind / f"{change}.sql"
        if path.exists():
            raise UsageError(f"{path.relative_to(proj.root)} exists already", hint="Remove it or pick another name.")


def write_change(proj: Project, change: str, ctx: dict, template: str, requires: list[str], note: str,
                 planner: str | None = None, email: str | None = None,
                 given: dict[str, str] | None = None) -> list[Path]:
    """Render the change's three scripts from `<kind>/<template>.sql.j2` (or change.sql.j2), or take
    them from `given`, and append the change to the plan: earlier plan lines are never touched."""
    env = environment(proj.root)
    ctx = dict(ctx, project=proj.plan.project, change=change, requires=requires, note=note)
    written = []
    for kind in ("deploy", "revert", "verify"):
        path = proj.plan.top_dir / kind / f"{change}.sql"
        text = (given or {}).get(kind) or env.select_template([f"{kind}/{template}.sql.j2",
                                                                f"{kind}/change.sql.j2"]).render(ctx)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    plan_mod.append_change(proj.plan.path, plan_mod.plan_line(change, planner or proj.committer_name,
                                                              email or proj.committer_email, note, requires))
    return written


def add(proj: Project, change: str, requires: list[str], note: str, planner: str | None = None,
        email: str | None = None) -> list[Path]:
    """Write deploy/revert/verify for a new change from the templates and append it to the plan."""
    check_new_change(proj, change)
    ctx = context(change, source_for(proj.root, change))
    return write_change(proj, change, ctx, ctx["kind"], requires, note, planner, email)


def draft(proj: Project, change: str, drafted, sources: list[Source], requires: list[str], note: str) -> list[Path]:
    """Write a drafted change (statements from `diff.draft`), with a header for each source it covers."""
    ctx = {"schema": SCHEMA, "kind": "draft", "name": change, "source": None, "sources": sources,
           "deploy": drafted.deploy, "revert": drafted.revert, "verify": drafted.verify,
           "destructive": drafted.destructive}
    check_new_change(proj, change)
    written = write_change(proj, change, ctx, "draft", requires, note)
    import sqlfluff

    config = str(proj.root / ".sqlfluff")
    for path in written:  # the engine's output in the project's style (lower case, as sqlfluff's config says)
        path.write_text(sqlfluff.fix(path.read_text(encoding="utf-8"), config_path=config), encoding="utf-8")
    return written


REWORKED_FROM_SOURCE = ("functions", "views")  # deployed again from the source as it is now
_LOCK_TIMEOUT_LINE = re.compile(r"^do \$\$ begin perform set_config\('lock_timeout'.*\n\n", re.M)


def rework(proj: Project, change: str, requires: list[str], note: str, planner: str | None = None,
           email: str | None = None) -> tuple[list[Path], bool]:
    """Rework a change after a tag, as `sqitch rework` does, and append it to the plan.

    The current scripts are kept as `<name>@<tag>.sql` (the latest tag); the new revert script is the
    previous deploy script, so reverting deploys the previous version again. Functions and views get
    their new deploy and verify scripts from the templates and the source as it is now; any other
    change keeps copies of its scripts, to be edited. Returns the files and whether they were rendered.
    """
    plan = proj.plan
    instances = [c for c in plan.changes if c.name == change]
    if not instances:
        raise UsageError(f"{change} is not in the plan", hint="Add it with progflow add.")
    last = instances[-1]
    tags = [t for c in plan.changes[last.index:] for t in c.tags]
    if not tags:
        raise UsageError(f"cannot rework {change} without a tag after its last instance",
                         hint="Tag the plan first (progflow tag NAME), as Sqitch requires.")
    tag = tags[-1].name  # the plan's latest tag, as Sqitch picks it
    current = {kind: plan.script(kind, last) for kind in ("deploy", "revert", "verify")}
    kept = {kind: plan.top_dir / kind / f"{change}@{tag}.sql" for kind in current}
    for kind, path in kept.items():
        if path.exists():
            raise UsageError(f"{path.relative_to(proj.root)} exists already", hint="Remove it, or tag the plan again.")
        if not current[kind].is_file():
            raise UsageError(f"{current[kind].relative_to(proj.root)} does not exist", hint="Restore it from git.")
    texts = {kind: current[kind].read_text(encoding="utf-8") for kind in current}
    for kind, path in kept.items():
        path.write_text(texts[kind], encoding="utf-8")
    previous = re.sub(r"^-- source: .*\n", "", texts["deploy"], flags=re.M)
    previous = re.sub(r"\A-- Deploy (\S+) to pg\n",
                      rf"-- Revert \1 from pg: deploys the version of @{tag} again\n", previous)
    kind, name = kind_of(change)
    from_source = kind in REWORKED_FROM_SOURCE
    ctx = dict(context(change, source_for(proj.root, change))) if from_source else {}
    if kind == "views":  # either version may not replace the other in place (columns dropped, `create view`)
        ctx.update(reworked=True, drop_view=f"drop view {SCHEMA}.{name};")
        previous = _LOCK_TIMEOUT_LINE.sub(lambda m: f"{m.group(0)}{ctx['drop_view']}\n\n", previous, count=1)
    given = {"revert": previous} if from_source else {**texts, "revert": previous}
    for path in current.values():
        path.unlink()
    written = write_change(proj, change, ctx, kind, [f"{change}@{tag}", *requires], note, planner, email, given)
    return written + list(kept.values()), from_source
