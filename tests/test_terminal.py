"""On a real terminal (a pseudo-terminal): colour unless NO_COLOR or TERM=dumb, FORCE_COLOR off
one, long output through the pager, and nothing of the sort when output is not a terminal."""
from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

OLD = "# Papers\n\n" + "".join(f"- [Study {n}](https://example.org/{n}) — about topic {n}\n" for n in range(60))
NEW = OLD.replace("topic 3\n", "topic three\n") + "".join(
    f"- [Added {n}](https://example.org/added-{n})\n" for n in range(60))
ESC = b"\x1b["


def on_pty(args: list[str], env: dict[str, str], rows: int = 24, timeout: float = 60) -> bytes:
    """What ``listmerge ARGS`` writes to a terminal of ``rows`` rows (stdin, stdout and stderr)."""
    main, child = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 100, 0, 0))
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "PAGER", "TERM")}
    full.update({"TERM": "xterm-256color", **env})
    proc = subprocess.Popen([sys.executable, "-m", "listmerge", *args], stdin=child, stdout=child, stderr=child,
                            env=full, close_fds=True)
    os.close(child)
    out = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=10)
    os.close(main)
    return out


@pytest.fixture
def versions(tmp_path):
    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.md").write_text(NEW, encoding="utf-8")
    return [str(tmp_path / "old.md"), str(tmp_path / "new.md")]


def test_a_terminal_gets_colour(versions, tmp_path):
    out = on_pty(["diff", *versions], {"PAGER": "cat"}, rows=500)
    assert ESC in out and b"Study 3" in out


def test_no_color_and_a_dumb_terminal_get_none(versions):
    assert ESC not in on_pty(["diff", *versions], {"NO_COLOR": "1", "PAGER": "cat"}, rows=500)
    assert ESC not in on_pty(["diff", *versions], {"TERM": "dumb"}, rows=500)


def test_force_color_colours_a_pipe(versions):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"FORCE_COLOR": "1"}
    piped = subprocess.run([sys.executable, "-m", "listmerge", "diff", *versions], capture_output=True, env=env)
    assert ESC.decode() in piped.stdout.decode()
    plain = subprocess.run([sys.executable, "-m", "listmerge", "diff", *versions], capture_output=True,
                           env={k: v for k, v in env.items() if k != "FORCE_COLOR"})
    assert ESC.decode() not in plain.stdout.decode()


def pager(tmp_path) -> tuple[str, Path]:
    """A pager that keeps what it is given, and the file it keeps it in."""
    paged = tmp_path / "paged.txt"
    script = tmp_path / "pager.sh"
    script.write_text(f"#!/bin/sh\ncat > '{paged}'\n")
    script.chmod(0o755)
    return str(script), paged


def test_long_output_goes_through_the_pager(versions, tmp_path):
    command, paged = pager(tmp_path)
    out = on_pty(["diff", *versions], {"PAGER": command}, rows=24)
    assert paged.exists() and "Added 59" in paged.read_text(encoding="utf-8", errors="replace")
    assert b"Added 59" not in out  # the terminal saw the pager, not the text


def test_short_output_and_a_dumb_terminal_are_not_paged(versions, tmp_path):
    command, paged = pager(tmp_path)
    on_pty(["diff", *versions], {"PAGER": command}, rows=1000)
    on_pty(["diff", *versions], {"PAGER": command, "TERM": "dumb"}, rows=24)
    assert not paged.exists()


def test_many_files_show_a_progress_bar_with_counts_on_a_terminal_only(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(25):
        (folder / f"list{n:02d}.md").write_text(f"# L{n}\n\n- [Work {n}](https://example.org/w{n})\n")
    out = on_pty(["merge", str(folder), "--out", str(tmp_path / "out")], {}, rows=40)
    assert b"reading lists" in out and b"25/25" in out
    piped = subprocess.run([sys.executable, "-m", "listmerge", "merge", str(folder), "--out", str(tmp_path / "out2")],
                           capture_output=True)
    assert b"reading lists" not in piped.stderr


def test_matching_shows_its_stages_and_a_bar_over_the_pairs_it_judges(tmp_path):
    """A merge of thousands of entries does not sit silent while it matches: each stage is named
    and the judging of candidate pairs has a bar with counts."""
    folder = tmp_path / "big"
    folder.mkdir()
    words = ["sparse", "latent", "causal", "graph", "neural", "bayesian", "robust", "kernel"]
    for k in range(3):
        items = [f"- [{words[n % 8].title()} {words[n // 8 % 8]} models of {words[n // 64 % 8]} data, part {n}]"
                 f"(https://example.org/paper/{n})" for n in range(1700)]
        (folder / f"list{k}.md").write_text(f"# List {k}\n\n" + "\n".join(items) + "\n", encoding="utf-8")
    out = on_pty(["merge", str(folder), "-o", str(tmp_path / "out"), "-t", "json"], {}, rows=40, timeout=300)
    for stage in (b"preparing 5100 entries", b"finding candidate pairs", b"judging candidate pairs", b"clustering"):
        assert stage in out, stage
    assert re.search(rb"judging candidate pairs.*?\b(\d{4,})/\1\b", out, re.S)


def test_table_columns_line_up_by_display_width_with_cjk_and_emoji(tmp_path):
    """A CJK title takes two columns a character, an emoji two, a combining accent none: every
    row's year, section and place start in the same terminal column."""
    from wcwidth import wcswidth

    from listmerge.load import read
    from listmerge.render.table import render_lists

    (tmp_path / "l.md").write_text(
        "# L\n\n## 论文\n\n"
        "- [深度学习的一篇很长很长很长很长很长很长很长很长很长很长很长很长很长很长的论文标题](https://example.org/a) (2015)\n"
        "- [Reading 📚 with emoji 🎉 in the title](https://example.org/b) (2016)\n"
        "- [E\u0301cole normale and a plain title](https://example.org/c) (2017)\n", encoding="utf-8")
    rows = [line for line in render_lists(read(str(tmp_path / "l.md"))).splitlines() if "l.md:" in line]
    assert len(rows) == 3
    columns = {wcswidth(row[: row.index("l.md:")]) for row in rows}
    assert len(columns) == 1, rows
    years = {wcswidth(row[: row.index(year)]) for row, year in zip(rows, ("2015", "2016", "2017"))}
    assert len(years) == 1, rows
