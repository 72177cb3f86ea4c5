"""The cleaning stages in order, for callers outside a crawl (``nianbao clean``, shell)."""

from __future__ import annotations

from . import body, boilerplate, metadata, normalize, validate

CLEANING_STAGES = (body.process, normalize.process, metadata.process, boilerplate.process)


def clean_record(record: dict) -> dict:
    """Run every cleaning stage on a record holding ``html`` (or ``text``) and ``url``."""
    for stage in CLEANING_STAGES:
        record = stage(record)
    return validate.seal(record)
