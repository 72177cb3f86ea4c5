"""Zip containers (DOCX, OFD) opened only when their members expand to a bounded size."""

from __future__ import annotations

import io
import zipfile

from .outcome import Refused

MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200


def open_zip(data: bytes, max_expanded: int = MAX_EXPANDED_BYTES) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise Refused("corrupt", f"not a readable zip container ({error})") from error
    expanded = sum(member.file_size for member in archive.infolist())
    if expanded > max_expanded or expanded > MAX_RATIO * max(len(data), 1) and expanded > 10 * 1024 * 1024:
        raise Refused("zip-bomb", f"its members expand to {expanded // (1024 * 1024)} MiB from {len(data) // 1024} KiB")
    return archive
