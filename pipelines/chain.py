"""The cleaning stages in order, for callers outside a crawl (``nianbao clean``, shell)."""

from __future__ import annotations

from importlib import import_module

from . import CLEANING_STAGES as STAGE_NAMES
from . import validate
from .record import Report

CLEANING_STAGES = tuple(import_module(f"pipelines.{name}").process for name in STAGE_NAMES)


def clean_record(record: dict) -> Report:
    """Run every cleaning stage on a record holding ``html`` (or ``text``) and ``url``."""
    for stage in CLEANING_STAGES:
        record = stage(record)
    return validate.seal(record)
