"""The progflow command line: thin commands over the modules; errors become one line and an exit code.

`base` holds the group and what every command shares; `database` the commands that work on a
target database, `authoring` those that write the project, `jobs` the scheduled work, `legacy`
the import from the old system. Each
command parses its options, calls one function of the modules, and prints.
"""

from __future__ import annotations

from . import authoring, database, jobs, legacy  # noqa: F401 (importing them registers their commands)
from .base import cli

__all__ = ["cli", "main"]


def main() -> None:
    cli(prog_name="progflow")
