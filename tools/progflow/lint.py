"""Lint the SQL: style and parse errors (sqlfluff), plpgsql bodies (plpgsql_check), and lock safety of
deploy scripts (squawk and progflow's own rules).

Every finding names a file, a line, a rule, why it matters and how to fix it. sqlfluff reads
`.sqlfluff` and squawk `.squawk.toml` at the project root. progflow's own rules know what
Sqitch changes are: a table created earlier in the same script is new and empty, so building an
index on it or adding a constraint to it is harmless; any other table may be large and busy.
Squawk's rules that say the same thing as progflow's are turned off, so each problem is
reported once.

A statement's own rule is silenced by a comment inside it or on the line above it:
`-- lint: allow type-rewrite (the table holds 40 rows)`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

import sqlparse

from .errors import ProgflowError, UsageError
from .project import Project

DEFAULT_PATHS = ("sql", "functions", "views", "migrations/deploy", "migrations/revert", "migrations/verify")


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    rule: str  # tool:rule, as in sqlfluff:CP01, squawk:ban-drop-column, progflow:lock-timeout
    why: str
    fix: str


@dataclass
class Report:
    findings: list[Finding]
    notes: list[str]  # what was checked, and what could not be


class LintError(ProgflowError):
    """A linter could not run."""


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def sql_files(root: Path, paths: tuple[str, ...]) -> list[Path]:
    """The .sql files under the given files and directories (the project's SQL when none is given)."""
    chosen = [Path(p) for p in paths] if paths else [root / p for p in DEFAULT_PATHS]
    files: list[Path] = []
    for path in chosen:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.sql") if p.is_file()))
        elif path.is_file():
            files.append(path)
        elif paths:
            raise UsageError(f"no such file or directory: {path}", hint="Give .sql files or directories that hold them.")
    return files


def is_deploy_script(path: Path, root: Path) -> bool:
    """Migration-safety rules apply to the scripts in a `deploy` directory (below the project root, when
    the file is in the project)."""
    return "deploy" in Path(_relative(path, root)).parts[:-1]


# sqlfluff ----------------------------------------------------------------------------------------

def run_sqlfluff(root: Path, files: list[Path]) -> tuple[list[Finding], list[str]]:
    if not files:
        return [], []
    # In a child process: sqlfluff's worker pool leaves semaphores that Python warns about at exit.
    config = root / ".sqlfluff"
    args = [sys.executable, "-m", "sqlfluff", "lint", "--format", "json", "--nofail", "--dialect", "postgres",
            "--processes", str(os.cpu_count() or 1), *(["--config", str(config)] if config.is_file() else [])]
    done = subprocess.run([*args, *(str(f) for f in files)], capture_output=True, text=True, cwd=root)
    try:
        records = json.loads(done.stdout)
    except json.JSONDecodeError as exc:
        raise LintError(f"sqlfluff failed: {(done.stderr or done.stdout).strip()[-500:]}") from exc
    findings = []
    for record in records:
        path = _relative(root / record["filepath"], root)
        for v in record["violations"]:
            if v["code"] == "PRS":
                findings.append(Finding(path, v["start_line_no"], "sqlfluff:PRS",
                                        "sqlfluff's postgres dialect cannot parse this statement, so no other "
                                        f"sqlfluff rule checked it ({v['description']})",
                                        "Rewrite the statement in a form the dialect parses, or report the gap to "
                                        "sqlfluff; PostgreSQL accepting it is not enough for the style checks."))
                continue
            fix = ("`sqlfluff fix` corrects it" if v.get("fixes") else f"see sqlfluff's rule {v['code']} ({v['name']})")
            findings.append(Finding(path, v["start_line_no"], f"sqlfluff:{v['code']}", v["description"], fix))
    bodies = sum(len(re.findall(r"\bas\s+\$(\w*)\$", f.read_text(encoding="utf-8"), re.I)) for f in files)
    notes = [f"sqlfluff: {len(files)} files, postgres dialect"]
    if bodies:
        notes.append(f"sqlfluff: {bodies} dollar-quoted function bodies are string literals to sqlfluff; "
                     "plpgsql_check checks the plpgsql ones")
    return findings, notes


# squawk ------------------------------------------------------------------------------------------

# Squawk's rules that progflow's own rules replace: each problem is reported once, by the rule that
# knows which tables a change creates.
SQUAWK_REPLACED = ("require-lock-timeout", "require-concurrent-index-creation", "adding-required-field",
                   "adding-not-nullable-field", "adding-field-with-default", "changing-column-type",
                   "constraint-missing-not-valid", "adding-foreign-key-constraint",
                   "ban-concurrent-index-creation-in-transaction")


def squawk_binary() -> str | None:
    here = Path(sys.executable).parent / "squawk"
    return str(here) if here.is_file() else shutil.which("squawk")


def run_squawk(root: Path, files: list[Path]) -> tuple[list[Finding], list[str]]:
    binary = squawk_binary()
    if binary is None:
        raise LintError("squawk is not installed", hint="pip install squawk-cli (progflow depends on it).")
    if not files:
        return [], []
    excluded = list(SQUAWK_REPLACED)
    config = root / ".squawk.toml"
    args = [binary, "--reporter", "json"]
    if config.is_file():
        settings = tomllib.loads(config.read_text(encoding="utf-8"))
        excluded += settings.get("excluded_rules", [])  # squawk drops the file's list when --exclude is given
        args += ["--config", str(config)]
    args += ["--exclude", ",".join(excluded), *(str(f) for f in files)]
    done = subprocess.run(args, capture_output=True, text=True, cwd=root)
    try:
        violations = json.loads(done.stdout or "[]")
    except json.JSONDecodeError as exc:
        raise LintError(f"squawk failed: {(done.stderr or done.stdout).strip()[:500]}") from exc
    findings = [Finding(_relative(root / v["file"], root), v["line"] + 1,  # squawk counts lines from 0
                         f"squawk:{v['rule_name']}", v["message"],
                        v.get("help") or f"see https://squawkhq.com/docs/{v['rule_name']}")
                for v in violations]
    return findings, [f"squawk: {len(files)} deploy scripts"]


# progflow's own rules ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    name: str
    why: str
    fix: str


RULES = {r.name: r for r in (
    Rule("lock-timeout",
         "the script takes locks without setting lock_timeout: waiting behind a long transaction, its "
         "statement queues every later query on that table behind it",
         "Start the script, after BEGIN, with `set local lock_timeout = '5s';` (progflow's templates set it, "
         "keeping a limit the deployer chose)."),
    Rule("index-concurrently",
         "create index without CONCURRENTLY blocks every write to the table until the index is built",
         "Use `create index concurrently` in a change of its own with no BEGIN/COMMIT (Sqitch and progflow "
         "run it in autocommit), or build it in the change that creates the table."),
    Rule("concurrently-in-transaction",
         "CONCURRENTLY cannot run inside a transaction block: the deploy fails",
         "Drop the script's BEGIN/COMMIT and keep the statement alone in its change."),
    Rule("not-null-without-default",
         "adding a NOT NULL column without a default fails on any table that has rows",
         "Add the column with a constant default, or add it nullable, backfill it in batches, then add "
         "`check (col is not null) not valid`, validate it and set NOT NULL in later changes."),
    Rule("volatile-default",
         "a column whose value is computed per row (volatile default, serial, identity, stored generated) "
         "rewrites the whole table under an ACCESS EXCLUSIVE lock",
         "Add the column with no default (or a constant one), backfill it in batches, then set the default."),
    Rule("type-rewrite",
         "changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, unless "
         "the types are binary-coercible (varchar(n) to a longer varchar or to text)",
         "Add a column of the new type, backfill it in batches, switch readers, then drop the old column; or "
         "mark the statement `-- lint: allow type-rewrite (why)` when the change is binary-coercible."),
    Rule("constraint-not-valid",
         "adding a CHECK or FOREIGN KEY constraint to an existing table scans it (and for a foreign key the "
         "referenced table too) while holding a lock that blocks writes",
         "Add it with NOT VALID, then `alter table … validate constraint …` in a later change (it takes a "
         "weaker lock)."),
    Rule("set-not-null",
         "SET NOT NULL on an existing table scans it under an ACCESS EXCLUSIVE lock",
         "Add `check (col is not null) not valid`, validate it in a later change, then SET NOT NULL (PostgreSQL "
         "uses the valid check and skips the scan) and drop the check."),
)}

_VOLATILE_CALL = re.compile(r"\b(random|clock_timestamp|timeofday|gen_random_uuid|uuid_generate_v[14]\w*|nextval|"
                            r"txid_current|pg_current_xact_id)\s*\(")
_PER_ROW_TYPE = re.compile(r"^\S+\s+(small|big)?serial\b|\bgenerated\s+(always|by\s+default)\s+as\s+identity\b|"
                           r"\bgenerated\s+always\s+as\s*\(.*\)\s*stored\b")
_LOCK_TIMEOUT = re.compile(r"\bset\s+(local\s+|session\s+)?lock_timeout\b|set_config\s*\(\s*'lock_timeout'", re.I)
_ALLOW = re.compile(r"--\s*lint:\s*allow\s+([\w-]+(?:\s*,\s*[\w-]+)*)", re.I)
_NAME = r'((?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?)'


def _normalise(text: str) -> str:
    """Lower case, comments and string contents removed, whitespace collapsed: for matching only."""
    text = sqlparse.format(text, strip_comments=True)
    text = re.sub(r"\$(\w*)\$.*?\$\1\$", "$$", text, flags=re.S)
    text = re.sub(r"'(?:[^']|'')*'", "''", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def _table(name: str) -> str:
    return name.replace('"', "").rsplit(".", 1)[-1]


def _actions(body: str) -> list[str]:
    """The comma-separated actions of an ALTER TABLE, split at the commas outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(body):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append(body[start:i].strip())
            start = i + 1
    parts.append(body[start:].strip())
    return parts


def statement_rules(statement: str, created: set[str]) -> list[str]:
    """The names of progflow's rules that a normalised statement breaks, given the tables created before it."""
    broken = []
    if m := re.match(rf"create (unique )?index (concurrently )?(?:if not exists )?(?:\S+ )?on (?:only )?{_NAME}",
                     statement):
        if not m.group(2) and _table(m.group(3)) not in created:
            broken.append("index-concurrently")
    m = re.match(rf"alter table (?:if exists )?(?:only )?{_NAME} (.*)", statement)
    if m is None or _table(m.group(1)) in created:
        return broken
    for action in _actions(m.group(2)):
        if column := re.match(r"add (?:column )?(?:if not exists )?(?!constraint\b|check\b|foreign\b|primary\b|unique\b"
                              r"|exclude\b)(.*)", action):
            definition = column.group(1)
            has_default = re.search(r"\bdefault\b", definition)
            if re.search(r"\bnot null\b", definition) and not has_default and not _PER_ROW_TYPE.search(definition):
                broken.append("not-null-without-default")
            if _PER_ROW_TYPE.search(definition) or (has_default and _VOLATILE_CALL.search(definition)):
                broken.append("volatile-default")
        elif re.match(r"alter (?:column )?\S+ (?:set data )?type\b", action):
            broken.append("type-rewrite")
        elif re.match(r"alter (?:column )?\S+ set not null\b", action):
            broken.append("set-not-null")
        elif (re.match(r"add (?:constraint \S+ )?(check|foreign key)\b", action)
              and not re.search(r"\bnot valid\b", action)):
            broken.append("constraint-not-valid")
    return broken


def run_own_rules(root: Path, files: list[Path]) -> tuple[list[Finding], list[str]]:
    from .scripts import Script

    findings = []
    for path in files:
        script = Script.load(path, "deploy")
        rel = _relative(path, root)
        created: set[str] = set()
        timeout_set = False
        for offset, text in script.statements():
            code = re.search(r"^(?!\s*(--|$)).", text, re.M)
            line = script.body.count("\n", 0, offset + (code.start() if code else 0)) + 1
            previous = script.body[:offset].rstrip().rsplit("\n", 1)[-1]
            allowed = {a.strip() for m in _ALLOW.finditer(previous + "\n" + text) for a in m.group(1).split(",")}
            statement = _normalise(text)
            broken = []
            if _LOCK_TIMEOUT.search(sqlparse.format(text, strip_comments=True)):
                timeout_set = True
                continue
            if not timeout_set and not re.match(r"(set|reset|show)\b", statement):
                broken.append("lock-timeout")
                timeout_set = True  # one finding per script is enough
            if script.transactional and re.search(r"\bconcurrently\b", statement):
                broken.append("concurrently-in-transaction")
            broken += statement_rules(statement, created)
            if m := re.match(rf"create (?:unlogged )?table (?:if not exists )?{_NAME}", statement):
                created.add(_table(m.group(1)))
            for name in broken:
                if name not in allowed:
                    rule = RULES[name]
                    findings.append(Finding(rel, line, f"progflow:{name}", rule.why, rule.fix))
    return findings, [f"progflow: {len(files)} deploy scripts, {len(RULES)} lock-safety rules"]


# plpgsql_check -----------------------------------------------------------------------------------

_CHECK_ALL = """
select p.proname, c.lineno, c.level, c.message, c.detail, c.hint
  from pg_catalog.pg_proc p
  join pg_catalog.pg_language l on l.oid = p.prolang and l.lanname = 'plpgsql'
  left join pg_catalog.pg_trigger t on t.tgfoid = p.oid and not t.tgisinternal
 cross join lateral plpgsql_check_function_tb(p.oid, coalesce(t.tgrelid, 0), fatal_errors => false,
                                             extra_warnings => true, security_warnings => true) c
 where p.pronamespace = 'progflow'::regnamespace
   and (p.prorettype <> 'trigger'::regtype or t.oid is not null)
 order by p.proname, c.lineno
"""


def _function_line(text: str, name: str, lineno: int | None) -> int:
    """The file line of line `lineno` of function `name`'s body (its CREATE line when there is none)."""
    create = re.search(rf"create (or replace )?function progflow\.{re.escape(name)}\s*\(", text, re.I)
    if create is None:
        return 1
    start = text.count("\n", 0, create.start()) + 1
    body = re.compile(r"\bas\s+\$(\w*)\$", re.I).search(text, create.end())
    if lineno is None or body is None:
        return start
    return text.count("\n", 0, body.end()) + lineno


def _allowed_above(text: str, line: int) -> set[str]:
    """The kinds a `-- lint: allow KIND (why)` comment on the line above `line` allows (`security`, …)."""
    above = text.splitlines()[line - 2] if 2 <= line <= len(text.splitlines()) + 1 else ""
    return {a.strip() for m in _ALLOW.finditer(above) for a in m.group(1).split(",")}


def run_plpgsql_check(project: Project, server_uri: str) -> tuple[list[Finding], list[str]]:
    """Load the sources into a scratch database on the server and check every plpgsql function."""
    from . import render
    from .connection import connect, scratch_database

    with scratch_database(server_uri) as uri:
        render.load_sources(uri, project)
        with connect(uri, purpose="lint") as conn:
            if conn.execute("select from pg_catalog.pg_available_extensions where name = 'plpgsql_check'").fetchone() \
                    is None:
                return [], ["plpgsql_check: not installed on that server, plpgsql bodies not checked (Debian: "
                            "apt-get install postgresql-15-plpgsql-check)"]
            conn.execute("create extension plpgsql_check")
            rows = conn.execute(_CHECK_ALL).fetchall()
            count = conn.execute("select count(*) from pg_catalog.pg_proc p join pg_catalog.pg_language l "
                                 "on l.oid = p.prolang where l.lanname = 'plpgsql' "
                                 "and p.pronamespace = 'progflow'::regnamespace").fetchone()[0]
    findings = []
    for name, lineno, level, message, detail, hint in rows:
        source = project.root / "functions" / "progflow" / f"{name}.sql"
        text = source.read_text(encoding="utf-8") if source.is_file() else ""
        line, kind = _function_line(text, name, lineno), level.replace(" ", "-")
        if kind in _allowed_above(text, line):
            continue
        why = message + (f" ({detail})" if detail else "")
        findings.append(Finding(_relative(source, project.root), line, f"plpgsql_check:{kind}", why,
                                hint or "Fix the statement; plpgsql_check reports what would fail or mislead at run time."))
    return findings, [f"plpgsql_check: {count} plpgsql functions"]


# all together ------------------------------------------------------------------------------------

def lint(project: Project, paths: tuple[str, ...] = (), server_uri: str | None = None) -> Report:
    root = project.root.resolve()
    files = sql_files(root, paths)
    deploy = [f for f in files if is_deploy_script(f, root)]
    findings: list[Finding] = []
    notes: list[str] = []
    for found, said in (run_sqlfluff(root, files), run_squawk(root, deploy), run_own_rules(root, deploy)):
        findings += found
        notes += said
    if server_uri is None:
        notes.append("plpgsql_check: skipped, no --server given")
    else:
        found, said = run_plpgsql_check(project, server_uri)
        linted = {_relative(f, root) for f in files}
        findings += [f for f in found if f.path in linted]
        notes += said
    return Report(sorted(set(findings)), notes)


def as_json(report: Report) -> dict:
    return {"findings": [asdict(f) for f in report.findings], "notes": report.notes}
