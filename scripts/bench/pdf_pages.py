"""What the bench workers printing PDFs share: a PDF's page count."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path


def pdf_pages(pdf: bytes, folder: str) -> int:
    """Page count by poppler's `pdfinfo` (-1 when it is not installed); the PDF is written in `folder`."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return -1
    path = Path(folder, "count.pdf")
    path.write_bytes(pdf)
    info = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    return int(match.group(1)) if match else -1
