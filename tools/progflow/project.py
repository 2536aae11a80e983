"""The project on disk: sqitch.conf, the plan it points to, and who is deploying."""

from __future__ import annotations

import configparser
import getpass
import os
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import plan as plan_mod
from .errors import UsageError


@dataclass
class Project:
    root: Path
    top_dir: Path
    plan: plan_mod.Plan
    committer_name: str
    committer_email: str


def find_root(start: Path | None = None) -> Path:
    """The nearest directory at or above `start` (or PROGFLOW_PROJECT) that holds sqitch.conf."""
    if env := os.environ.get("PROGFLOW_PROJECT"):
        start = Path(env)
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "sqitch.conf").is_file():
            return candidate
    raise UsageError(
        f"no sqitch.conf in {here} or above it",
        hint="Run progflow inside the project, or set PROGFLOW_PROJECT to its directory.",
    )


def _read_conf(path: Path) -> configparser.ConfigParser:
    conf = configparser.ConfigParser(strict=False, interpolation=None)
    try:
        conf.read(path, encoding="utf-8")
    except configparser.Error as exc:
        raise UsageError(f"cannot read {path}: {exc}") from exc
    return conf


def _git_config(key: str) -> str | None:
    try:
        out = subprocess.run(["git", "config", key], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _identity(conf: configparser.ConfigParser) -> tuple[str, str]:
    """Committer name and email, found as Sqitch finds them: environment, sqitch.conf, git, the OS."""
    user = getpass.getuser()
    name = (os.environ.get("SQITCH_FULLNAME") or conf.get("user", "name", fallback=None)
            or _git_config("user.name") or user)
    email = (os.environ.get("SQITCH_EMAIL") or conf.get("user", "email", fallback=None)
             or _git_config("user.email") or f"{user}@{socket.gethostname()}")
    return name, email


def load(start: Path | None = None) -> Project:
    root = find_root(start)
    conf = _read_conf(root / "sqitch.conf")
    engine = conf.get("core", "engine", fallback="pg")
    if engine != "pg":
        raise UsageError(f"sqitch.conf names engine {engine!r}; progflow works with pg only")
    top_dir = root / conf.get("core", "top_dir", fallback=".")
    plan_file = root / conf.get("core", "plan_file", fallback=str(top_dir / "sqitch.plan"))
    name, email = _identity(conf)
    return Project(root, top_dir, plan_mod.parse(plan_file, top_dir), name, email)
