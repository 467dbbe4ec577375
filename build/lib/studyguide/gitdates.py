"""When each question file last changed, from git history, in one `git log` call.

Without git (a downloaded archive, a CI checkout without history) the answer is simply
empty: pages then show no date, and the build still works.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def last_changed(folder: Path) -> dict[str, str]:
    """File name → ISO date (YYYY-MM-DD) of the newest commit touching it."""
    try:
        result = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    date = ""
    for line in result.stdout.splitlines():
        if line.startswith("\0"):
            date = line[1:]
        elif line.strip():
            dates.setdefault(Path(line).name, date)  # newest first: keep the first date seen
    return dates


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH (the reproducible-builds convention) when set to a number, else None."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def content_epoch(folder: Path) -> int | None:
    """One time for the whole content, for files that must carry a date (deck, PDF metadata).

    SOURCE_DATE_EPOCH when set (reproducible builds), else the newest commit touching
    `folder`, else the newest file modification time; None for an empty folder. Never the
    current time: the same content must give the same bytes.
    """
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "."], cwd=folder, capture_output=True, text=True, timeout=60
        )
        if result.returncode == 0 and result.stdout.strip().isdigit():
            return int(result.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass  # no git or not a repository: fall back to file times
    try:
        with os.scandir(folder) as entries:  # no Path per file: a guide may hold 10,000 of them
            return max((int(e.stat().st_mtime) for e in entries if e.name.endswith(".yml")), default=None)
    except OSError:
        return None
