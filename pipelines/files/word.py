"""Legacy Word (``.doc``) and Kingsoft WPS (``.wps``) through LibreOffice: converted to DOCX, then
read like any DOCX (tables stay rows).

LibreOffice takes seconds to start, so files are converted in batches: one ``soffice`` run
converts every file handed in while the batch was open (``BATCH_WAIT`` seconds, at most
``BATCH_SIZE`` files), with one user profile per process.
"""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
import threading
import time
from concurrent.futures import Future
from pathlib import Path

from . import docx
from .outcome import Extraction, Refused

BATCH_WAIT = 1.0
BATCH_SIZE = 16
INSTALL_HINT = "LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


class LibreOffice:
    """Converts legacy Word files to DOCX, many per ``soffice`` run."""

    def __init__(self, wait: float = BATCH_WAIT, size: int = BATCH_SIZE):
        self.wait, self.size = wait, size
        self.lock = threading.Lock()
        self.pending: list[tuple[bytes, str, Future]] = []
        self.profile: str | None = None
        self.runs = 0

    def profile_dir(self) -> str:
        if self.profile is None:
            self.profile = tempfile.mkdtemp(prefix="nianbao-soffice-")
            atexit.register(shutil.rmtree, self.profile, True)
        return self.profile

    def convert_many(self, files: list[tuple[bytes, str]]) -> list[bytes | Refused]:
        """Each ``(data, suffix)`` as DOCX bytes, or the reason it could not be converted; one ``soffice`` run."""
        program = soffice()
        if program is None:
            return [Refused("no-converter", INSTALL_HINT) for _ in files]
        with tempfile.TemporaryDirectory(prefix="nianbao-convert-") as folder:
            sources = []
            for number, (data, suffix) in enumerate(files):
                source = Path(folder) / f"file{number}.{suffix}"
                source.write_bytes(data)
                sources.append(source)
            out = Path(folder) / "out"
            try:
                subprocess.run([program, f"-env:UserInstallation=file://{self.profile_dir()}", "--headless", "--norestore",
                                "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), *map(str, sources)],
                               capture_output=True, timeout=120 + 10 * len(files), check=False)
            except subprocess.TimeoutExpired:
                return [Refused("failed", "LibreOffice did not finish in time") for _ in files]
            self.runs += 1
            results: list[bytes | Refused] = []
            for source in sources:
                converted = out / f"{source.stem}.docx"
                results.append(converted.read_bytes() if converted.exists()
                               else Refused("corrupt", "LibreOffice could not read it"))
            return results

    def to_docx(self, data: bytes, suffix: str) -> bytes:
        """``data`` as DOCX; blocks until the batch it joined is converted. Raises ``Refused``."""
        future: Future = Future()
        with self.lock:
            self.pending.append((data, suffix, future))
            leader = len(self.pending) == 1
        if leader:
            deadline = time.monotonic() + self.wait
            while time.monotonic() < deadline and len(self.pending) < self.size:
                time.sleep(0.05)
            with self.lock:
                batch, self.pending = self.pending, []
            for (_data, _suffix, waiting), result in zip(batch, self.convert_many([(d, s) for d, s, _f in batch])):
                waiting.set_result(result)
        result = future.result()
        if isinstance(result, Refused):
            raise result
        return result


CONVERTER = LibreOffice()


def extract(data: bytes, suffix: str, converter: LibreOffice = CONVERTER) -> Extraction:
    return from_docx(converter.to_docx(data, suffix), suffix)


def from_docx(converted: bytes, suffix: str) -> Extraction:
    extraction = docx.extract(converted)
    extraction.format = suffix
    return extraction
