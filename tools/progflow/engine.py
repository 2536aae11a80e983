"""Deploy, revert, verify and status with Sqitch's semantics, on one database.

Where Sqitch runs a script and then records it in a second transaction, progflow runs a
transactional script (one wrapped in BEGIN … COMMIT) and its registry rows in one transaction,
under a `lock_timeout`: a failing change leaves the schema and the registry as they were. A
script without the wrapper (CREATE INDEX CONCURRENTLY, say) is run by psql in autocommit, as
Sqitch runs it, and recorded afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

from . import connection, registry
from . import plan as plan_mod
from .errors import ChangeFailed, DatabaseError, RegistryError, ScriptChanged, UsageError, server_message
from .project import Project
from .scripts import Script, ScriptError, run_with_psql, script_hash

Report = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass
class Settings:
    lock_timeout: str = "5s"  # PostgreSQL's lock_timeout for every change
    lock_wait: float = 60.0  # seconds to wait for the registry lock
    mode: str = "all"  # what a failure reverts: all | tag | change
    verify: bool = False


class Engine:
    def __init__(self, project: Project, uri: str, settings: Settings | None = None, report: Report = _quiet):
        self.project = project
        self.plan = project.plan
        self.uri = uri
        self.settings = settings or Settings()
        self.report = report
        self.who = registry.Who(project.plan.project, project.committer_name, project.committer_email)
        self.conn = connection.connect(uri)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------------

    def deployed(self) -> list[registry.Deployed]:
        return registry.deployed(self.conn, self.plan.project)

    def _deployed_prefix(self, rows: list[registry.Deployed]) -> int:
        """How many plan changes are deployed; refuses a registry the plan does not explain."""
        for i, row in enumerate(rows):
            planned = self.plan.changes[i] if i < len(self.plan.changes) else None
            if planned is None or planned.id != row.id:
                known = self.plan.by_id(row.id)
                if known is None:
                    raise RegistryError(
                        f"deployed change {row.name} ({row.id[:12]}) is not in sqitch.plan",
                        hint="The plan was edited after the change was deployed; revert it (progflow revert) "
                             "with the plan it was deployed from, or restore that plan.",
                    )
                raise RegistryError(
                    f"deployed change {row.name} is out of plan order (position {known.index + 1}, deployed as {i + 1})",
                    hint="Revert to the last change the plan and the registry agree on, then deploy.",
                )
        return len(rows)

    def changed_scripts(self, rows: list[registry.Deployed]) -> list[tuple[plan_mod.Change, Path]]:
        """Deployed changes whose deploy script no longer has the hash recorded at deploy time."""
        changed = []
        for row in rows:
            change = self.plan.by_id(row.id)
            if change is None or row.script_hash in (None, row.id):
                continue
            path = self.plan.script("deploy", change)
            if not path.exists() or script_hash(path) != row.script_hash:
                changed.append((change, path))
        return changed

    def status(self) -> dict:
        rows = self.deployed()
        count = self._deployed_prefix(rows)
        last = rows[-1] if rows else None
        return {
            "project": self.plan.project,
            "deployed": count,
            "planned": len(self.plan.changes),
            "last_change": None if last is None else {
                "name": last.name, "id": last.id, "tags": last.tags,
                "deployed_at": last.committed_at.isoformat(), "by": f"{last.committer_name} <{last.committer_email}>",
            },
            "undeployed": [c.name for c in self.plan.changes[count:]],
            "changed_scripts": [str(p.relative_to(self.project.root)) for _, p in self.changed_scripts(rows)],
            "up_to_date": count == len(self.plan.changes),
        }

    # -- deploy --------------------------------------------------------------------------------

    def pending(self, to: str | None = None) -> list[plan_mod.Change]:
        """The changes a deploy would run, in order (nothing is changed)."""
        count = self._deployed_prefix(self.deployed())
        last = len(self.plan.changes) - 1 if to is None else self.plan.resolve(to).index
        return self.plan.changes[count:last + 1]

    def dry_run(self, to: str | None = None) -> str:
        """The SQL a deploy would run, change by change, as one psql-runnable text."""
        parts = []
        for change in self.pending(to):
            script = Script.load(self.plan.script("deploy", change), "deploy")
            rel = script.path.relative_to(self.project.root)
            parts.append(f"-- progflow: change {change.name} ({change.id}) from {rel}\n{script.text.rstrip()}\n")
        return "\n".join(parts)

    def deploy(self, to: str | None = None) -> list[str]:
        """Deploy the plan (up to `to`); returns the names deployed."""
        registry.lock(self.conn, self.settings.lock_wait)  # first: two first deploys must not both create the registry
        try:
            registry.ensure(self.conn, self.project.committer_name, self.project.committer_email)
            registry.register_project(self.conn, self.plan.project, self.plan.uri,
                                      self.project.committer_name, self.project.committer_email)
            rows = self.deployed()
            count = self._deployed_prefix(rows)
            changed = self.changed_scripts(rows)
            if changed:
                names = ", ".join(f"{c.name} ({p.relative_to(self.project.root)})" for c, p in changed)
                raise ScriptChanged(
                    f"deployed scripts no longer match what was deployed: {names}",
                    hint="Deployed changes are immutable: restore the file, or add a new change "
                         "(rework it after a tag) for the new behaviour.",
                )
            self._sync_tags(rows)
            last = len(self.plan.changes) - 1 if to is None else self.plan.resolve(to).index
            if last < count - 1:
                raise UsageError(
                    f"{to} is already deployed, and changes after it too",
                    hint=f"To go back to it, use `progflow revert --to {to}`.",
                )
            pending = self.plan.changes[count:last + 1]
            if not pending:
                self.report("Nothing to deploy (up-to-date)")
                return []
            done: list[plan_mod.Change] = []
            for change in pending:
                try:
                    self._deploy_one(change)
                except ChangeFailed:
                    self._tidy(lambda: self._log_fail(change), "record the failure in the registry")
                    if not self.conn.closed:
                        self._unwind(done)
                    raise
                done.append(change)
                self.report(f"  + {change.name} .. ok")
            return [c.name for c in done]
        finally:
            self._tidy(lambda: registry.unlock(self.conn), "release the registry lock")

    def _tidy(self, step: Callable[[], None], what: str) -> None:
        """Run a clean-up step that must not hide the error being raised, if there is one.

        Skipped when the session is gone: its advisory lock went with it, and nothing can be
        written on it. A database error of the step itself is reported, not raised.
        """
        if self.conn.closed:
            return
        try:
            step()
        except psycopg.Error as exc:
            self.report(f"  ! could not {what}: {server_message(exc)}")

    @staticmethod
    def _lost(exc: ScriptError | psycopg.Error, doing: str) -> DatabaseError:
        """The error for a change whose session died under it: not the change's failure, and nothing
        (failure event, unwinding) can be written on that session any more."""
        return DatabaseError.from_psycopg(exc.error if isinstance(exc, ScriptError) else exc, doing)

    def _sync_tags(self, rows: list[registry.Deployed]) -> None:
        """Record plan tags added to changes after they were deployed, as Sqitch does."""
        with self.conn.transaction():
            for row in rows:
                change = self.plan.by_id(row.id)
                for tag in change.tags if change else []:
                    if f"@{tag.name}" not in row.tags:
                        registry.record_tag(self.conn, self.who, change, tag)

    def _deploy_one(self, change: plan_mod.Change) -> None:
        path = self.plan.script("deploy", change)
        script = Script.load(path, "deploy")
        deps = self._resolve_dependencies(change)
        digest = script_hash(path)
        if script.transactional:
            try:
                with self.conn.transaction():
                    self._begin_change()
                    script.run(self.conn)
                    if self.settings.verify:
                        self._verify_in_transaction(change)
                    registry.record_deploy(self.conn, self.who, change, digest, deps)
            except (ScriptError, psycopg.Error) as exc:
                if self.conn.closed:
                    raise self._lost(exc, f"deploy of {change.name}") from exc
                if isinstance(exc, ScriptError):
                    raise ChangeFailed(f"{change.name} failed, and was rolled back:\n{exc.describe()}") from exc
                raise ChangeFailed(f"deploy of {change.name} failed, and was rolled back:\n{exc}") from exc
            return
        run_with_psql(script, self.uri, self.settings.lock_timeout, change.name)
        try:
            with self.conn.transaction():
                registry.lock_changes(self.conn)
                if self.settings.verify:
                    self._verify_in_transaction(change)
                registry.record_deploy(self.conn, self.who, change, digest, deps)
        except (ScriptError, psycopg.Error) as exc:
            self._revert_script_only(change)  # by psql, in a session of its own
            if self.conn.closed:
                raise self._lost(exc, f"deploy of {change.name}") from exc
            detail = exc.describe() if isinstance(exc, ScriptError) else str(exc)
            raise ChangeFailed(f"{change.name} failed, so it was reverted:\n{detail}") from exc

    def _begin_change(self) -> None:
        registry.lock_changes(self.conn)
        self.conn.execute("select set_config('lock_timeout', %s, true)", (self.settings.lock_timeout,))

    def _resolve_dependencies(self, change: plan_mod.Change) -> list[tuple[str, str, str | None]]:
        """(type, dependency, dependency_id) rows; refuses unmet requirements and deployed conflicts."""
        result = []
        deployed_ids = {r.id for r in self.deployed()}
        for dep in change.dependencies:
            text = dep.as_string(self.plan.project)
            if dep.project and dep.project != self.plan.project:
                found = registry.deployed(self.conn, dep.project)
                target = plan_mod.resolve_ref(dep.ref, found)
            else:
                planned = plan_mod.dependency_target(self.plan, change, dep)
                target = planned if planned is not None and planned.id in deployed_ids else None
            if dep.conflict:
                if target is not None:
                    raise ChangeFailed(f"{change.name} conflicts with {text}, which is deployed",
                                       hint=f"Revert {text} first.")
                result.append(("conflict", text, None))
            else:
                if target is None:
                    raise ChangeFailed(f"{change.name} requires {text}, which is not deployed",
                                       hint=f"Deploy {text} first.")
                result.append(("require", text, target.id))
        return result

    def _log_fail(self, change: plan_mod.Change) -> None:
        with self.conn.transaction():
            registry.record_event(self.conn, self.who, "fail", change)

    def _unwind(self, done: list[plan_mod.Change]) -> None:
        """After a failure, revert what this run deployed, as --mode asks."""
        if self.settings.mode == "change" or not done:
            return
        keep = 0
        if self.settings.mode == "tag":
            tagged = [i for i, c in enumerate(done) if c.tags]
            keep = tagged[-1] + 1 if tagged else 0
        rows = {r.id: r for r in self.deployed()}
        for change in reversed(done[keep:]):
            self._revert_one(rows[change.id])
            self.report(f"  - {change.name} .. reverted")

    # -- revert --------------------------------------------------------------------------------

    def to_revert(self, to: str | None = None) -> list[registry.Deployed]:
        """The deployed changes a revert down to (not including) `to` would revert, newest first."""
        if not registry.exists(self.conn):
            return []
        registry.check_release(self.conn)
        rows = self.deployed()
        keep = 0
        if to is not None:
            target = plan_mod.resolve_ref(to, rows)
            if target is None:
                raise UsageError(f"{to} is not deployed", hint="Run `progflow status` to see what is deployed.")
            keep = rows.index(target) + 1
        return list(reversed(rows[keep:]))

    def revert(self, to: str | None = None) -> list[str]:
        """Revert deployed changes, newest first, down to (not including) `to`; returns their names."""
        if not registry.exists(self.conn):
            self.report("Nothing to revert (nothing deployed)")
            return []
        registry.lock(self.conn, self.settings.lock_wait)
        try:
            reverted = []
            for row in self.to_revert(to):
                self._revert_one(row)
                reverted.append(row.name)
                self.report(f"  - {row.name} .. ok")
            if not reverted:
                self.report("Nothing to revert")
            return reverted
        finally:
            self._tidy(lambda: registry.unlock(self.conn), "release the registry lock")

    def _revert_path(self, row: registry.Deployed) -> Path:
        change = self.plan.by_id(row.id)
        if change is not None:
            return self.plan.script("revert", change)
        return self.plan.top_dir / "revert" / f"{row.name}.sql"

    def _revert_one(self, row: registry.Deployed) -> None:
        script = Script.load(self._revert_path(row), "revert")
        try:
            if script.transactional:
                with self.conn.transaction():
                    self._begin_change()
                    script.run(self.conn)
                    registry.record_revert(self.conn, self.who, row)
            else:
                run_with_psql(script, self.uri, self.settings.lock_timeout, row.name)
                with self.conn.transaction():
                    registry.lock_changes(self.conn)
                    registry.record_revert(self.conn, self.who, row)
        except ScriptError as exc:
            if self.conn.closed:
                raise self._lost(exc, f"revert of {row.name}") from exc
            raise ChangeFailed(f"revert of {row.name} failed, and was rolled back:\n{exc.describe()}") from exc

    def _revert_script_only(self, change: plan_mod.Change) -> None:
        run_with_psql(Script.load(self.plan.script("revert", change), "revert"), self.uri, self.settings.lock_timeout,
                      change.name)

    # -- verify --------------------------------------------------------------------------------

    def _verify_in_transaction(self, change: plan_mod.Change) -> None:
        script = Script.load(self.plan.script("verify", change), "verify")
        with self.conn.transaction(force_rollback=True):
            script.run(self.conn)

    def verify(self) -> dict:
        """Run every deployed change's verify script (each rolled back); report what failed.

        An earlier instance of a reworked change is not verified, as Sqitch does not: its script
        proves the version the rework replaced, and the latest instance's script proves what is there.
        """
        rows = self.deployed()
        count = self._deployed_prefix(rows)
        results = []
        for row in rows:
            change = self.plan.by_id(row.id)
            if change.rework_tag:
                results.append({"change": change.script_name, "ok": True, "error": None, "skipped": "reworked"})
                self.report(f"  * {change.script_name} .. reworked later: its latest instance is verified")
                continue
            script = Script.load(self.plan.script("verify", change), "verify")
            try:
                with self.conn.transaction(force_rollback=True):
                    script.run(self.conn)
                results.append({"change": change.name, "ok": True, "error": None})
                self.report(f"  * {change.name} .. ok")
            except ScriptError as exc:
                message = exc.describe()
                results.append({"change": change.name, "ok": False, "error": message})
                self.report(f"  * {change.name} .. FAILED\n{message}")
        changed = [str(p.relative_to(self.project.root)) for _, p in self.changed_scripts(rows)]
        return {
            "results": results,
            "failed": [r["change"] for r in results if not r["ok"]],
            "undeployed": [c.name for c in self.plan.changes[count:]],
            "changed_scripts": changed,
        }
