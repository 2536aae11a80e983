"""progflow: the Progressive Flow course database, shipped as a Sqitch project, and the tool that applies it."""

__version__ = "0.1.0"
