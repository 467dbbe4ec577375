"""When each question file last changed, from git history, in one `git log` call.

Without git (a downloaded archive, a CI checkout without history) the answer is simply
empty: pages then show no date, and the build still works.
"""

from __future__ import annotations

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
