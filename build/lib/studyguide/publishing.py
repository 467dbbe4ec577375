"""Where a guide is published and where its source lives, from the environment and git.

Nothing here is guessed: an address that cannot be known is left out (no edit links, no
source link, no absolute links in the deck) rather than replaced by a placeholder host.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_BRANCH = "main"


@dataclass(frozen=True)
class Repository:
    """The guide's source repository as a reader's browser reaches it."""

    url: str
    """Web address of the repository, without a trailing slash."""
    branch: str
    """The branch that was built: edit links open the file on it."""
    prefix: str = ""
    """The guide's folder inside the repository ("" at its root, else ending in "/")."""

    def edit_url(self, path: str) -> str:
        """The page that edits `path` (relative to the guide's folder) in the host's web editor."""
        edit = "-/edit" if "gitlab" in urlsplit(self.url).netloc else "edit"
        return f"{self.url}/{edit}/{self.branch}/{self.prefix}{path}"

    @property
    def icon(self) -> str:
        """The Material icon naming the host, for the footer's source link."""
        host = urlsplit(self.url).netloc
        return "material/github" if "github" in host else "material/gitlab" if "gitlab" in host else "material/git"


def repository(guide_dir: Path, configured: str | None) -> Repository | None:
    """REPO_URL (set by the Pages workflow) or mkdocs.yml's `extra.repository`; None when neither is set.

    The branch is REPO_BRANCH, else git's current branch, else "main".
    """
    url = (os.environ.get("REPO_URL") or configured or "").strip().rstrip("/")
    if not url:
        return None
    branch = os.environ.get("REPO_BRANCH", "").strip() or _git(guide_dir, "rev-parse", "--abbrev-ref", "HEAD")
    if not branch or branch == "HEAD":  # no git, or a detached checkout: nothing better to name
        branch = DEFAULT_BRANCH
    return Repository(url, branch, _git(guide_dir, "rev-parse", "--show-prefix"))


def _git(folder: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


_GITHUB_REMOTE = re.compile(
    r"^(?:https?://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/)"
    r"(?P<owner>[A-Za-z0-9-]+)/(?P<name>[A-Za-z0-9._-]+?)(?:\.git)?/?$"
)


class AddressError(Exception):
    """The publishing addresses cannot be derived; the message says what to set instead."""


def pages_addresses(remote: str) -> tuple[str, str]:
    """(site URL, repository URL) of a GitHub repository's Pages site, from its git remote."""
    match = _GITHUB_REMOTE.match(remote.strip())
    if not match:
        raise AddressError(
            f"the git remote {remote.strip()!r} is not a GitHub repository, so its Pages address is unknown\n"
            "  --> set both yourself: SITE_URL=https://… REPO_URL=https://… make deploy"
        )
    owner, name = match["owner"], match["name"]
    repo_url = f"https://github.com/{owner}/{name}"
    if name.lower() == f"{owner.lower()}.github.io":  # a user or organisation site is served at the root
        return f"https://{name.lower()}/", repo_url
    return f"https://{owner.lower()}.github.io/{name}/", repo_url


def deploy_environment(guide_dir: Path) -> dict[str, str]:
    """SITE_URL and REPO_URL for `make deploy`: as set, else derived from the `origin` remote."""
    site, repo = os.environ.get("SITE_URL", "").strip(), os.environ.get("REPO_URL", "").strip()
    if not (site and repo):
        remote = _git(guide_dir, "remote", "get-url", "origin")
        if not remote:
            raise AddressError(
                "no git remote named origin, so the site's address is unknown\n"
                "  --> add one (git remote add origin git@github.com:OWNER/REPO.git), "
                "or set SITE_URL=https://… REPO_URL=https://…"
            )
        derived_site, derived_repo = pages_addresses(remote)
        site, repo = site or derived_site, repo or derived_repo
    return {"SITE_URL": site, "REPO_URL": repo}


def main(argv: list[str]) -> int:
    """`build_pages.py addresses`: print SITE_URL=… and REPO_URL=… for `make deploy`, or say why not."""
    import sys

    guide_dir = Path(argv[0]) if argv else Path.cwd()
    try:
        variables = deploy_environment(guide_dir)
    except AddressError as err:
        print(f"deploy: {err}", file=sys.stderr)
        return 1
    for name, value in variables.items():
        print(f"{name}={value}")
    return 0
