"""What CI checks, as problems with a place: the migrations equal the sources, the SQL lints clean,
docs/ is current, the catalogue is valid.

`progflow check` runs them all with one exit code; `lint` and `diff --check` run their own. Each
problem names the file (and line) to look at where there is one, so CI can annotate it there
(`--format github`: GitHub Actions workflow commands).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import diff, docs, lint, render, seed
from .project import Project


@dataclass
class Problem:
    check: str  # diff, lint, docs, catalogue
    title: str
    message: str
    path: str | None = None  # relative to the project root
    line: int | None = None


def from_findings(findings: list[lint.Finding], root: Path) -> list[Problem]:
    problems = []
    for f in findings:
        path = Path(f.path)
        rel = str(path.resolve().relative_to(root.resolve())) if path.is_absolute() else f.path
        problems.append(Problem("lint", f.rule, f"{f.why} (fix: {f.fix})", rel, f.line))
    return problems


def from_difference(result: diff.Difference, project: Project, first: str) -> list[Problem]:
    """A problem per object that differs, at the source that declares it when one does; and one per source
    edited since its latest change."""
    problems = [Problem("diff", f"differs from {first}", line, source_of(line, project.root))
                for line in result.objects]
    if result.statements.strip() and not result.objects:
        problems.append(Problem("diff", f"differs from {first}", "the SQL between them is not empty"))
    for source, change in render.stale(project):
        problems.append(Problem("diff", "source edited since its latest change",
                                f"latest change: {change}; add or rework a change" if change
                                else "in no change yet: add one", source.path))
    return problems


_OBJECT = re.compile(r"^(?:column|relation|policy|index|function|view|trigger|constraint|type)\s+"
                     r"(?:progflow\.)?(\w+)")


def source_of(line: str, root: Path) -> str | None:
    """The declarative source of the object a difference line names (`column users.email: …` →
    sql/progflow/tables/users.sql), when there is one to point at."""
    m = _OBJECT.match(line)
    if m is None:
        return None
    name = m.group(1)
    for rel in (f"sql/progflow/tables/{name}.sql", f"functions/progflow/{name}.sql", f"views/progflow/{name}.sql",
                f"sql/progflow/types/{name}.sql"):
        if (root / rel).is_file():
            return rel
    return None


def migrations_vs_sources(project: Project, server_uri: str) -> list[Problem]:
    return from_difference(diff.migrations_vs_sources(server_uri, project), project, "the migrations")


def lint_problems(project: Project, server_uri: str | None) -> tuple[list[Problem], list[str]]:
    report = lint.lint(project, (), server_uri)
    return from_findings(report.findings, project.root), report.notes


def docs_problems(project: Project, server_uri: str) -> list[Problem]:
    return [Problem("docs", "stale document", "differs from what the schema generates: run `progflow docs` "
                    "and commit the result", f"docs/{name}")
            for name in docs.stale(project, docs.build(server_uri, project))]


def catalogue_problems(project: Project) -> list[Problem]:
    try:
        seed.load(project.root / "seed")
    except seed.SeedError as exc:
        return [Problem("catalogue", "invalid catalogue", str(exc), "seed/data")]
    return []


def github(problem: Problem) -> str:
    """The problem as a GitHub Actions workflow command: `::error file=…,line=…,title=…::message`."""
    props = []
    if problem.path:
        props.append(f"file={_property(problem.path)}")
        if problem.line:
            props.append(f"line={problem.line}")
    props.append(f"title={_property(f'progflow {problem.check}: {problem.title}')}")
    return f"::error {','.join(props)}::{_data(problem.message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
