"""Exceptions for misconfiguration and broken state; per-item failures are statuses instead.

    PipelineError
     ├── ConfigError       a settings file or CLI option is wrong
     ├── InputError        an input path or file cannot be read or parsed at all
     ├── OutputError       an output file cannot be written (its folder, its permissions)
     ├── ModelError        a model is missing, corrupt or from incompatible library versions
     ├── StoreError        the SQLite store cannot be opened or migrated
     └── RegressionError   a retrained model scores below a pinned floor

Every message says what to do next. ``cli.py`` turns them into ``Error: ...`` and an exit code.
"""
from __future__ import annotations


class PipelineError(Exception):
    """Base class of the errors the CLI reports without a traceback."""

    exit_code = 1


class ConfigError(PipelineError):
    exit_code = 2


class InputError(PipelineError):
    exit_code = 2


class OutputError(PipelineError):
    exit_code = 2


class ModelError(PipelineError):
    pass


class StoreError(PipelineError):
    pass


class RegressionError(PipelineError):
    pass


__all__ = ["ConfigError", "InputError", "ModelError", "OutputError", "PipelineError",
           "RegressionError", "StoreError"]
