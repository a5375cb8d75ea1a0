"""git's own line merge, where git is installed: ``git merge-file -p``. merge3 never writes less
than git would: where git merges the lines cleanly and merge3's line merge would write something
else (the two diffs can align a repeated line differently), git's text is taken."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

#: Seconds git may take before merge3 goes on without it.
GIT_TIMEOUT = 30


def git_merge_file(base: str, ours: str, theirs: str) -> str | None:
    """git's clean merge of the three texts, or None (a conflict, or no git)."""
    git = shutil.which("git")
    if git is None:
        return None
    with tempfile.TemporaryDirectory(prefix="listmerge-") as folder:
        paths = []
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(folder) / name
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
            paths.append(str(path))
        try:
            result = subprocess.run([git, "merge-file", "-p", "--", *paths], capture_output=True,
                                    timeout=GIT_TIMEOUT, check=False, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired):
            return None
    if result.returncode != 0:
        return None
    try:
        return result.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None
