"""sqitch.plan: read it, compute Sqitch's change and tag ids, resolve change references.

The ids are SHA-1 digests of a git-object-style header and an "info" text built from the plan line
and the id of the change before it, so they form a hash chain over the plan. They must match
Sqitch's byte for byte: the registry stores them, and Sqitch and progflow read each other's rows.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .errors import PlanError

SYNTAX_VERSION = "1.0.0"

_NAME = r"[^\s:@#\\\[\]]+"
_TAIL = (
    r"\s+(?P<date>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"
    r"\s+(?P<planner>[^<]*?)\s*<(?P<email>[^>]*)>"
    r"(?:\s*#(?P<note>.*))?\s*$"
)
_CHANGE_RE = re.compile(r"^(?P<op>[+-])?(?P<name>" + _NAME + r")\s*(?:\[(?P<deps>[^\]]*)\])?" + _TAIL)
_TAG_RE = re.compile(r"^@(?P<name>" + _NAME + r")" + _TAIL)
_PRAGMA_RE = re.compile(r"^%\s*(?P<key>[\w-]+)\s*=\s*(?P<value>.*?)\s*$")
_DEP_RE = re.compile(r"^(?P<conflict>!)?(?:(?P<project>[^:\s]+):)?(?P<ref>\S+)$")


def _unescape(note: str) -> str:
    return re.sub(r"\\(\\|n|r)", lambda m: {"\\": "\\", "n": "\n", "r": "\r"}[m.group(1)], note.strip())


_DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21, "ssh": 22}


def canonical_uri(uri: str) -> str:
    """The URI as Perl's URI->canonical writes it: lower-case scheme and host, no default port."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(uri)
    if not parts.scheme or not parts.netloc:
        return uri
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    netloc = host
    if parts.username is not None:
        auth = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{auth}@{host}"
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc += f":{parts.port}"
    return urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))


def _object_id(kind: str, info: str) -> str:
    data = info.encode("utf-8")
    return hashlib.sha1(f"{kind} {len(data)}\0".encode() + data).hexdigest()


@dataclass(frozen=True)
class Dependency:
    """One `requires` or `conflicts` entry of a change."""

    conflict: bool
    project: str | None
    ref: str  # change, change@tag, @tag or a change id

    def as_string(self, own_project: str) -> str:
        """Sqitch's text for the dependency: no `!`, and no project prefix for its own project."""
        if self.project and self.project != own_project:
            return f"{self.project}:{self.ref}"
        return self.ref


@dataclass
class Tag:
    name: str  # without the @
    date: str
    planner: str
    email: str
    note: str
    id: str = ""


@dataclass
class Change:
    name: str
    date: str
    planner: str
    email: str
    note: str
    dependencies: list[Dependency]
    lineno: int
    index: int = 0
    id: str = ""
    parent: str | None = None
    tags: list[Tag] = field(default_factory=list)
    rework_tag: str | None = None  # set for an earlier instance of a reworked change

    @property
    def requires(self) -> list[Dependency]:
        return [d for d in self.dependencies if not d.conflict]

    @property
    def conflicts(self) -> list[Dependency]:
        return [d for d in self.dependencies if d.conflict]

    @property
    def script_name(self) -> str:
        """The scripts' path below deploy/, revert/ and verify/, without `.sql`."""
        return f"{self.name}@{self.rework_tag}" if self.rework_tag else self.name


@dataclass
class Plan:
    path: Path
    top_dir: Path
    project: str
    uri: str | None
    pragmas: dict[str, str]
    changes: list[Change]

    def script(self, kind: str, change: Change) -> Path:
        return self.top_dir / kind / f"{change.script_name}.sql"

    def by_id(self, change_id: str) -> Change | None:
        return next((c for c in self.changes if c.id == change_id), None)

    def resolve(self, ref: str) -> Change:
        """The change a reference names: name, name@tag, @tag, @HEAD, @ROOT, an id, with ^N or ~N."""
        found = resolve_ref(ref, self.changes)
        if found is None:
            raise PlanError(f"sqitch.plan has no change {ref!r}", hint="Run `progflow plan` to list the changes.")
        return found


def resolve_ref(ref: str, changes: list) -> object | None:
    """Find the item a Sqitch change reference names in `changes` (plan changes or deployed rows).

    Each item has `name`, `id` and `tags` (objects with `name`, or strings).
    """
    offset = 0
    m = re.match(r"^(.*?)([\^~])(\d*)$", ref)
    if m and m.group(1):
        ref, sign, count = m.group(1), m.group(2), m.group(3)
        steps = int(count) if count else 1
        offset = -steps if sign == "^" else steps
    if not changes:
        return None
    if ref in ("@HEAD", "HEAD"):
        idx = len(changes) - 1
    elif ref in ("@ROOT", "ROOT"):
        idx = 0
    elif re.fullmatch(r"[0-9a-f]{40}", ref):
        idx = next((i for i, c in enumerate(changes) if c.id == ref), None)
    else:
        name, _, tag = ref.partition("@")
        idx = None
        if tag:
            tag_idx = next((i for i, c in enumerate(changes) if tag in _tag_names(c)), None)
            if tag_idx is None:
                return None
            if not name:
                idx = tag_idx
            else:
                idx = next((i for i in range(tag_idx, -1, -1) if changes[i].name == name), None)
        else:
            idx = next((i for i in range(len(changes) - 1, -1, -1) if changes[i].name == name), None)
    if idx is None:
        return None
    idx += offset
    return changes[idx] if 0 <= idx < len(changes) else None


def _tag_names(item) -> list[str]:
    return [t.name if isinstance(t, Tag) else t.lstrip("@") for t in item.tags]


def _change_info(plan_project: str, uri: str | None, change: Change) -> str:
    lines = [f"project {plan_project}"]
    if uri:
        lines.append(f"uri {canonical_uri(uri)}")
    lines.append(f"change {change.name}")
    if change.parent:
        lines.append(f"parent {change.parent}")
    lines.append(f"planner {change.planner} <{change.email}>")
    lines.append(f"date {change.date}")
    if change.requires:
        lines.append("requires")
        lines += [f"  + {d.as_string(plan_project)}" for d in change.requires]
    if change.conflicts:
        lines.append("conflicts")
        lines += [f"  - {d.as_string(plan_project)}" for d in change.conflicts]
    if change.note:
        lines += ["", change.note]
    return "\n".join(lines)


def _tag_info(plan_project: str, uri: str | None, tag: Tag, change: Change) -> str:
    lines = [f"project {plan_project}"]
    if uri:
        lines.append(f"uri {canonical_uri(uri)}")
    lines += [f"tag @{tag.name}", f"change {change.id}", f"planner {tag.planner} <{tag.email}>", f"date {tag.date}"]
    if tag.note:
        lines += ["", tag.note]
    return "\n".join(lines)


def parse(path: Path, top_dir: Path | None = None) -> Plan:
    """Read a plan file. Raises PlanError naming the line on any syntax error."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlanError(f"cannot read {path}: {exc.strerror}", hint="Run progflow from the project's root.") from exc
    top_dir = top_dir or path.parent
    pragmas: dict[str, str] = {}
    changes: list[Change] = []
    tag_names: set[str] = set()
    in_header = True
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if in_header:
            if not line:
                if pragmas:
                    in_header = False
                continue
            pm = _PRAGMA_RE.match(line)
            if pm:
                pragmas[pm.group("key")] = pm.group("value")
                continue
            if line.startswith("#"):
                continue
            in_header = False
        if not line or line.startswith("#"):
            continue
        if line.startswith("%"):
            raise PlanError(f"{path}:{lineno}: a pragma may only appear in the header")
        if line.startswith("@"):
            tm = _TAG_RE.match(line)
            if not tm:
                raise PlanError(f"{path}:{lineno}: cannot parse tag line: {line}")
            if not changes:
                raise PlanError(f"{path}:{lineno}: a tag cannot come before the first change")
            if tm.group("name") in tag_names:
                raise PlanError(f"{path}:{lineno}: tag @{tm.group('name')} is already in the plan")
            tag_names.add(tm.group("name"))
            changes[-1].tags.append(
                Tag(tm.group("name"), tm.group("date"), tm.group("planner").strip(), tm.group("email"),
                    _unescape(tm.group("note") or ""))
            )
            continue
        cm = _CHANGE_RE.match(line)
        if not cm:
            raise PlanError(f"{path}:{lineno}: cannot parse change line: {line}")
        deps = []
        for token in (cm.group("deps") or "").split():
            dm = _DEP_RE.match(token)
            if not dm:
                raise PlanError(f"{path}:{lineno}: cannot parse dependency {token!r}")
            deps.append(Dependency(bool(dm.group("conflict")), dm.group("project"), dm.group("ref")))
        changes.append(
            Change(cm.group("name"), cm.group("date"), cm.group("planner").strip(), cm.group("email"),
                   _unescape(cm.group("note") or ""), deps, lineno)
        )
    project = pragmas.get("project")
    if not project:
        raise PlanError(f"{path}: the plan has no %project pragma")
    if pragmas.get("syntax-version", SYNTAX_VERSION) != SYNTAX_VERSION:
        raise PlanError(f"{path}: syntax version {pragmas['syntax-version']} is not supported (only {SYNTAX_VERSION})")
    plan = Plan(path, top_dir, project, pragmas.get("uri"), pragmas, changes)
    _link(plan)
    return plan


def _link(plan: Plan) -> None:
    """Compute ids, check same-project requirements, and name the scripts of reworked changes."""
    parent = None
    seen: dict[str, int] = {}
    for i, change in enumerate(plan.changes):
        change.index, change.parent = i, parent
        for dep in change.requires:
            if dep.project and dep.project != plan.project:
                continue
            name = dep.ref.partition("@")[0]
            if name and not re.fullmatch(r"[0-9a-f]{40}", name) and name not in seen:
                raise PlanError(
                    f"{plan.path}:{change.lineno}: change {change.name} requires {dep.ref}, "
                    "which is not planned before it",
                    hint="Move the required change's line above this one.",
                )
        change.id = _object_id("change", _change_info(plan.project, plan.uri, change))
        for tag in change.tags:
            tag.id = _object_id("tag", _tag_info(plan.project, plan.uri, tag, change))
        if change.name in seen:
            earlier = plan.changes[seen[change.name]]
            tags_between = [t for c in plan.changes[earlier.index:i] for t in c.tags]
            if not tags_between:
                raise PlanError(f"{plan.path}:{change.lineno}: {change.name} is planned twice with no tag between")
            candidates = [t.name for t in reversed(tags_between)]
            existing = [t for t in candidates if (plan.top_dir / "deploy" / f"{change.name}@{t}.sql").exists()]
            earlier.rework_tag = existing[0] if existing else tags_between[0].name
        seen[change.name] = i
        parent = change.id


def dependency_target(plan: Plan, change: Change, dep: Dependency) -> Change | None:
    """The planned change a same-project requirement resolves to, as Sqitch resolves it: a bare name
    is the first instance of a reworked change (name@tag names a later one), so both tools write the
    same `dependency_id`."""
    if dep.project and dep.project != plan.project:
        return None
    earlier = plan.changes[: change.index]
    if re.fullmatch(r"[^@^~]+", dep.ref) and not re.fullmatch(r"[0-9a-f]{40}", dep.ref):
        return next((c for c in earlier if c.name == dep.ref), None)
    return resolve_ref(dep.ref, earlier)


def plan_line(name: str, planner: str, email: str, note: str = "", requires: list[str] | None = None,
              now: datetime | None = None) -> str:
    """A change line (or a tag line, for a name starting with @) as Sqitch writes it."""
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    deps = f" [{' '.join(requires)}]" if requires else ""
    return f"{name}{deps} {stamp} {planner} <{email}>" + (f" # {note}" if note else "")


def tag(plan: Plan, name: str, planner: str, email: str, note: str = "") -> str:
    """Append a tag on the plan's last change; returns the line written."""
    if not re.fullmatch(r"[A-Za-z_](?:[\w.-]*[A-Za-z0-9_])?", name):
        raise PlanError(f"{name!r} is not a valid tag name",
                        hint="Use letters, digits, _, - and ., starting with a letter, as in v1.2.0.")
    if not plan.changes:
        raise PlanError("the plan has no change to tag", hint="Add a change first.")
    if any(t.name == name for c in plan.changes for t in c.tags):
        raise PlanError(f"tag @{name} is already in the plan", hint="Tags name one point of the plan; pick another.")
    line = plan_line(f"@{name}", planner, email, note)
    append_change(plan.path, line)
    return line


def append_change(path: Path, line: str) -> None:
    """Append one line to the plan, never touching the lines before it (their ids are a hash chain)."""
    text = path.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
