"""Named errors. The CLI turns each into a one-line message and its exit code."""


class ProgflowError(Exception):
    """Something progflow could not do. `exit_code` follows the documented scheme."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


class UsageError(ProgflowError):
    """The command's arguments or the project's files are wrong."""


class TargetError(ProgflowError):
    """The database could not be reached or is not what was expected."""


class PlanError(ProgflowError):
    """sqitch.plan cannot be read, or names a change that does not exist."""


class RegistryError(ProgflowError):
    """The Sqitch registry in the target is missing, of another release, or disagrees with the plan."""


class ScriptChanged(ProgflowError):
    """A deployed change's deploy script no longer matches the hash recorded when it was deployed."""


class ChangeFailed(ProgflowError):
    """A change's script failed; the change was rolled back."""


class LockBusy(ProgflowError):
    """Another deployer holds the registry lock."""
