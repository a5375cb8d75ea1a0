"""Hostile inputs for the fuzz harness (bench/fuzz.py): a list in every format listmerge reads,
written from generated entries, and the ways to break one: long runs, deep nesting, numbers too
large to hold, control characters, markup and formulas, lone surrogates, YAML bombs, truncation,
other encodings; plus the fault scenarios (special files, outputs over inputs, many files).

Everything is made from a ``random.Random``: a case is its family and its seed, so any failure
is replayed by ``python bench/fuzz.py --replay FAMILY:SEED``. Nothing here is read from disk.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Callable

WORDS = ("sparse", "mixture", "retrieval", "diffusion", "contrastive", "recurrent", "graph", "latent",
         "causal", "neural", "attention", "reading", "learning", "models", "scale", "language", "vision")
SECTIONS = ("Papers", "Blogs", "Books", "Courses", "Tools")
SURNAMES = ("Vaswani", "Devlin", "Brown", "Radford", "Kingma", "Hinton", "LeCun", "Bengio")

#: Where a list goes: (file name, text). A case holds files as bytes, or a special file.
Files = dict


@dataclass
class Case:
    """One generated scenario: the files it makes (name -> bytes, or a special: ("fifo",),
    ("symlink", target), ("dir",)) and the listmerge command lines to run on them (names of
    the files as arguments; "{out}" is an output directory of the case). ``expect`` narrows
    what a run may do (say, exit 2 and leave an input untouched)."""

    family: str
    seed: int
    files: dict = field(default_factory=dict)
    commands: list[list[str]] = field(default_factory=list)
    expect: dict = field(default_factory=dict)
    note: str = ""
    env: dict = field(default_factory=dict)


# --- entries and the formats that hold them --------------------------------------------------------

def entries(rng: random.Random, count: int, first: int = 0) -> list[dict]:
    """``count`` works, numbered from ``first`` (their links tell them apart)."""
    found = []
    for k in range(first, first + count):
        words = rng.sample(WORDS, rng.randint(2, 5))
        found.append({
            "title": " ".join(words).capitalize(),
            "url": rng.choice([f"https://arxiv.org/abs/2101.{10000 + k}", f"https://example.org/p/{k}",
                               f"https://doi.org/10.1000/x{k}", f"https://github.com/o/r{k}"]),
            "authors": rng.sample(SURNAMES, rng.randint(1, 3)),
            "year": rng.randint(1990, 2024),
            "note": rng.choice(["", "a classic", "read this first", "skim the appendix"]),
            "section": rng.choice(SECTIONS),
        })
    return found


def _by_section(items: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for e in items:
        out.setdefault(e["section"], []).append(e)
    return out


def markdown(items):
    out = ["# Reading list", ""]
    for name, group in _by_section(items).items():
        out += [f"## {name}", ""] + [f"- [{e['title']}]({e['url']}) ({e['year']}) — {e['note']}" for e in group] + [""]
    return "list.md", "\n".join(out)


def ordered(items):
    out = ["# Reading list", ""]
    for name, group in _by_section(items).items():
        out += [f"### {name}", ""] + [f"{n}. **{e['title']}** ({e['year']}), {', '.join(e['authors'])} "
                                      f"[[pdf]]({e['url']})" for n, e in enumerate(group, 1)] + [""]
    return "list.md", "\n".join(out)


def table(items):
    out = ["# Reading list", "", "| Paper | Authors | Year | Note |", "| --- | --- | --- | --- |"]
    out += [f"| [{e['title']}]({e['url']}) | {', '.join(e['authors'])} | {e['year']} | {e['note']} |" for e in items]
    return "list.md", "\n".join(out) + "\n"


def plaintext(items):
    out = ["Reading list", ""]
    for name, group in _by_section(items).items():
        out += [f"{name}:"] + [f"{e['title']} ({e['year']}) {e['url']}" for e in group] + [""]
    return "list.txt", "\n".join(out)


def citations(items):
    out = ["---", "title: Reading list", "tags: [ml, nlp]", "---", ""]
    for name, group in _by_section(items).items():
        out += [f"## {name}", ""] + [f'- {e["authors"][0]} et al. ({e["year"]}). "{e["title"]}." {e["url"]}' for e in group] + [""]
    return "list.md", "\n".join(out)


def thread(items):
    out = ["Which papers should a newcomer read?", ""]
    out += [f'I recommend "{e["title"]}" {e["url"]} ({e["note"] or "great"})' for e in items]
    return "thread.txt", "\n\n".join(out) + "\n"


def webpage(items):
    out = ["Title: Reading list", "URL Source: https://example.org/reading", "", "Markdown Content:", ""]
    out += [f"{n}. [{e['title']}]({e['url']}) — {e['note']}" for n, e in enumerate(items, 1)]
    return "page.md", "\n".join(out) + "\n"


def bibtex(items):
    out = []
    for k, e in enumerate(items):
        out.append(f"@article{{{e['authors'][0].lower()}{e['year']}k{k},\n  title = {{{e['title']}}},\n"
                   f"  author = {{{' and '.join(e['authors'])}}},\n  year = {{{e['year']}}},\n"
                   f"  pages = {{{k + 1}--{k + 9}}},\n  url = {{{e['url']}}},\n}}\n")
    return "list.bib", "\n".join(out)


def csv_table(items):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["title", "authors", "year", "url", "notes", "section"])
    for e in items:
        writer.writerow([e["title"], "; ".join(e["authors"]), e["year"], e["url"], e["note"], e["section"]])
    return "list.csv", buffer.getvalue()


def csljson(items):
    data = [{"id": f"k{k}", "type": "article-journal", "title": e["title"], "URL": e["url"],
             "author": [{"family": a} for a in e["authors"]], "issued": {"date-parts": [[e["year"]]]}}
            for k, e in enumerate(items)]
    return "list.json", json.dumps(data, indent=1)


def own_yaml(items):
    lines = ["listmerge: 1", "lists:", "- name: reading", "  title: Reading list", "  entries:"]
    for e in items:
        lines += [f"  - title: {json.dumps(e['title'])}", f"    url: {json.dumps(e['url'])}",
                  f"    year: {e['year']}", f"    section: [{json.dumps(e['section'])}]"]
    return "list.yaml", "\n".join(lines) + "\n"


def own_json(items):
    data = {"listmerge": 1, "lists": [{"name": "reading", "entries": [
        {"title": e["title"], "url": e["url"], "year": e["year"], "authors": e["authors"]} for e in items]}]}
    return "list.json", json.dumps(data, indent=1)


FORMATS: dict[str, Callable] = {
    "markdown": markdown, "ordered": ordered, "table": table, "plaintext": plaintext, "citations": citations,
    "thread": thread, "webpage": webpage, "bibtex": bibtex, "csv": csv_table, "csljson": csljson,
    "yaml": own_yaml, "json": own_json,
}
#: Formats whose text is data: an atom goes into a value, quoted as the format quotes it.
DATA = {"csljson", "json"}


# --- atoms: the pieces hostile text is made of -----------------------------------------------------

def _atoms(rng: random.Random, n: int) -> dict[str, str]:
    return {
        "spaces": " " * n, "tabs": "\t" * n, "words": " ".join(rng.choice(WORDS) for _ in range(n // 6 + 1)),
        "capitalised": " ".join(w.capitalize() for w in rng.choices(WORDS, k=n // 6 + 1)),
        "digits": "9" * n, "number_words": " ".join(str(rng.randint(0, 99)) for _ in range(n // 3 + 1)),
        "brackets": "[" * n + "x" + "]" * n, "open_brackets": "[" * n, "braces": "{" * n + "}" * n,
        "latex": "\\textbf{" * n + "x" + "}" * n, "parens": "(" * n + ")" * n, "stars": "*" * n,
        "underscores": "_" * n, "backticks": "`" * n, "pipes": "|" * n, "dashes": "-" * n, "dots": "." * n,
        "commas": ", " * n, "and_runs": " and " * (n // 5 + 1), "et_al": " et al." * (n // 7 + 1),
        "quotes": '"' * n, "hashes": "#" * n + " heading", "gt": ">" * n, "lt": "<" * n,
        "slashes": "/" * n, "colons": ":" * n, "ampersands": "&" * n, "apostrophes": "'" * n,
        "html_nest": "<ul><li>" * (n // 8 + 1) + "x" + "</li></ul>" * (n // 8 + 1),
        "details": "<details>" * (n // 9 + 1), "emoji": ":star:" * (n // 6 + 1), "combining": "e" + "\u0301" * n,
        "zero_width": "\u200b" * n, "rtl": "\u202e" + "evil" + "\u202c", "pages": "1-" * (n // 2 + 1),
        "year_like": "(" + "2" * n + ")", "months": "Jan " * (n // 4 + 1), "sentence": "Aa. " * (n // 4 + 1),
        "mixed": "".join(rng.choice(" a1.,-*[](){}`_|#>:;'\"\t") for _ in range(n)),
    }


#: Short hostile strings, each a known way to hurt a reader or a writer.
PAYLOADS = (
    "\x1b]0;pwned\x07", "\x1b[2J\x1b[H", "\x07\x08\x7f\x9b", "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>", '=HYPERLINK("http://evil.example","pwned")', "+cmd|' /C calc'!A0", "@SUM(1+1)",
    "} @misc{pwned, title={x}} {", "%0A%7D%0A@misc%7Bpwned,title=%7Bx%7D%7D", "javascript:alert(1)",
    "https://example.org:notaport/x", "http://[::1", "\u202eevil\u202c", "\ufeff", "\r", "\x00",
    "<<<<<<< ours\n=======\n>>>>>>> theirs", "[x](javascript:alert(1))", "![x](https://example.org/x.png)",
    "&lt;img&gt;", "\\", "$$", "%", "'", '"', "`", "{{", "}}", "&a", "*a", "!!binary aGk=", ".inf", ".nan",
    "1e400", "-0", "99999999999999999999999999999999", "NaN", "null", "~", "yes", "2024-01-01",
)

#: Payloads only JSON can carry (a lone surrogate by its escape).
JSON_ONLY = ("\\udcff", "\\ud800", "\\u0000", "\\u001b[2J")


def atom(rng: random.Random, size: int) -> str:
    """A hostile piece: a long run of one kind, or a short payload."""
    if rng.random() < 0.4:
        return rng.choice(PAYLOADS)
    return rng.choice(list(_atoms(rng, size).values()))


def _size(rng: random.Random) -> int:
    """A run length: mostly short, sometimes long enough to show super-linear work."""
    return rng.choice([3, 10, 50, 300, 1000, 3000, 10_000, 30_000, 100_000])


# --- mutations --------------------------------------------------------------------------------------

def mutate(rng: random.Random, text: str, fmt: str) -> str:
    """``text`` with one random hostile change."""
    lines = text.split("\n")
    kind = rng.choice(["insert", "insert", "insert", "replace_word", "line", "repeat", "delete", "swap",
                       "truncate", "flip", "eol", "yaml_bomb", "deep", "json_value"])
    k = rng.randrange(len(lines))
    if kind == "insert":
        piece = atom(rng, _size(rng))
        if fmt in DATA:
            piece = json.dumps(piece)[1:-1]
        at = rng.randint(0, len(lines[k]))
        lines[k] = lines[k][:at] + piece + lines[k][at:]
    elif kind == "replace_word":
        words = lines[k].split(" ")
        words[rng.randrange(len(words))] = rng.choice(PAYLOADS + (JSON_ONLY if fmt in DATA else ()))
        lines[k] = " ".join(words)
    elif kind == "line":
        lines.insert(k, atom(rng, _size(rng)))
    elif kind == "repeat":
        lines[k:k + 1] = [lines[k]] * rng.choice([2, 10, 100, 1000, 2400])
    elif kind == "delete":
        del lines[k:k + rng.randint(1, 5)]
    elif kind == "swap" and len(lines) > 1:
        j = rng.randrange(len(lines))
        lines[k], lines[j] = lines[j], lines[k]
    elif kind == "truncate":
        return text[: rng.randrange(len(text) + 1)]
    elif kind == "flip" and text:
        at = rng.randrange(len(text))
        return text[:at] + chr(rng.choice([0, 1, 0x1b, 0x7f, 0x85, 0xa0, 0xfeff, 0xfffd, 0x2028])) + text[at + 1:]
    elif kind == "eol":
        return text.replace("\n", rng.choice(["\r\n", "\r", "\n\n", "\u2028"]))
    elif kind == "yaml_bomb" and fmt in ("yaml", "citations"):
        levels = rng.randint(3, 12)
        bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"] + [
            f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
        if fmt == "citations":
            lines[1:1] = bomb
        else:
            lines[1:1] = bomb
    elif kind == "deep":
        depth = rng.choice([100, 199, 201, 900, 1500, 5000])
        lines.insert(k, rng.choice(["  " * i + "- x" for i in (depth,)] + ["[" * depth + "]" * depth,
                                                                          "{" * depth + "}" * depth]))
    elif kind == "json_value" and fmt in DATA:
        return _json_value(rng, text)
    return "\n".join(lines)


def _json_value(rng: random.Random, text: str) -> str:
    """A JSON list with one value replaced by an odd type or size."""
    odd = rng.choice(['1e400', '-1e400', 'NaN', 'Infinity', '9' * 5000, '[]', '{}', 'null', 'true',
                      '{"a": "b"}', '[[[[[[[["x"]]]]]]]]', '"' + "x" * 100_000 + '"', '"\\udcff"', '12345'])
    for key in ('"title": ', '"year": ', '"URL": ', '"url": ', '"issued": ', '"author": ', '"authors": '):
        if key in text and rng.random() < 0.5:
            start = text.index(key) + len(key)
            end = _value_end(text, start)
            return text[:start] + odd + text[end:]
    return text


def _value_end(text: str, start: int) -> int:
    depth, quoted, i = 0, False, start
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == "\\":
                i += 1
            elif ch == '"':
                quoted = False
                if depth == 0:
                    return i + 1
        elif ch == '"':
            quoted = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            if depth == 0:
                return i
            depth -= 1
            if depth == 0:
                return i + 1
        elif ch in ",\n" and depth == 0:
            return i
        i += 1
    return i


def encode(rng: random.Random, text: str) -> bytes:
    """The text's bytes: UTF-8 mostly, at times with a BOM, UTF-16/32 or Latin-1 (not UTF-8)."""
    choice = rng.random()
    if choice < 0.85:
        return text.encode("utf-8", "surrogatepass")
    encoding = rng.choice(["utf-8-sig", "utf-16", "utf-16-be", "utf-32", "latin-1"])
    return text.encode(encoding, "replace")


# --- families ---------------------------------------------------------------------------------------

LIST_OUTPUTS = ("table", "json", "yaml", "bibtex", "csljson", "csv")
DIFF_OUTPUTS = ("terminal", "md", "json", "html")


def family_mutate(rng: random.Random, seed: int) -> Case:
    """A list in a random format with a few hostile changes, through a random command."""
    fmt = rng.choice(sorted(FORMATS))
    base = entries(rng, rng.choice([3, 10, 40, 200]))
    name, text = FORMATS[fmt](base)
    versions = [text]
    for _ in range(2):
        changed = text
        for _ in range(rng.randint(1, 4)):
            changed = mutate(rng, changed, fmt)
        versions.append(changed)
    stem, ext = name.rsplit(".", 1)
    files = {f"base.{ext}": text.encode("utf-8"), f"ours.{ext}": encode(rng, versions[1]),
             f"theirs.{ext}": encode(rng, versions[2])}
    a, b, c = files
    command = rng.choice([
        ["parse", b, "-o", rng.choice(LIST_OUTPUTS)], ["parse", b, "-v"], ["dedupe", b, "-o", rng.choice(["table", "json"])],
        ["diff", a, b, "-o", rng.choice(DIFF_OUTPUTS)], ["diff", b, c, "--compare", "-o", rng.choice(DIFF_OUTPUTS)],
        ["merge", a, b, "--out", "{out}"], ["merge3", a, b, c, "-o", "{out}/merged." + ext],
        ["merge3", a, b, c], ["git-diff", name, a, "0" * 40, "100644", b, "1" * 40, "100644"],
    ])
    if fmt in ("markdown", "ordered", "table", "citations", "webpage") and rng.random() < 0.3 and command[0] != "git-diff":
        option = "--input-format" if command[0] == "merge" else "--format"
        command = command + [option, "citations" if fmt == "citations" else "markdown"]
    return Case("mutate", seed, files, [command], note=fmt)


def family_injection(rng: random.Random, seed: int) -> Case:
    """Payloads in titles, notes, sections, urls, dois and a list's own path: and format:,
    through every renderer: what the list says must be shown, not obeyed."""
    items = entries(rng, rng.randint(2, 6))
    for e in items:
        for key in rng.sample(["title", "note", "section", "url"], rng.randint(1, 3)):
            payload = rng.choice(PAYLOADS)
            e[key] = (f"https://doi.org/10.1000/{payload}" if key == "url" and rng.random() < 0.5
                      else payload if key == "url" else f"{e[key]} {payload} tail")
    lines = {"listmerge": 1, "lists": [{"name": "inj", "entries": [
        {"title": e["title"], "url": e["url"], "annotation": e["note"], "section": [e["section"]],
         "authors": e["authors"]} for e in items]}]}
    if rng.random() < 0.5:
        lines["lists"][0]["path"] = rng.choice(PAYLOADS) + "/other.md"
        lines["lists"][0]["format"] = rng.choice(PAYLOADS)
    fmt = rng.choice(["json", "markdown", "plaintext", "bibtex", "csv"])
    if fmt == "json":
        files = {"inj.json": json.dumps(lines).encode()}
    else:
        name, text = FORMATS[fmt](items)
        files = {"inj." + name.rsplit(".", 1)[1]: text.encode("utf-8", "surrogatepass")}
    other_name, other = FORMATS["markdown"](entries(rng, 3))
    files["plain.md"] = other.encode()
    (target,) = [n for n in files if n != "plain.md"]
    command = rng.choice([["parse", target, "-o", rng.choice(LIST_OUTPUTS)], ["parse", target],
                          ["diff", "plain.md", target, "-o", rng.choice(DIFF_OUTPUTS)],
                          ["diff", "plain.md", target, "--color"], ["merge", target, "plain.md", "--out", "{out}"],
                          ["dedupe", target]])
    return Case("injection", seed, files, [command], note=fmt)


def family_known(rng: random.Random, seed: int) -> Case:
    """The shapes issue 17 names, at sizes around those that hurt."""
    which = rng.choice(sorted(KNOWN))
    return KNOWN[which](rng, seed)


def _one(name: str, text: str, *commands: list[str], family="known", note="") -> Case:
    return Case(family, 0, {name: text.encode("utf-8", "surrogatepass")}, [list(c) for c in commands], note=note)


ITEM = "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"


def _laughs(levels: int) -> str:
    return "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, levels))


KNOWN: dict[str, Callable[[random.Random, int], Case]] = {
    "heading_spaces": lambda r, s: _one("h.md", "#" + " " * r.choice([3000, 30000]) + "x\n\n" + ITEM, ["parse", "h.md"]),
    "heading_spaces_mid": lambda r, s: _one("h.md", "# a" + " " * r.choice([3000, 30000]) + "b #\n\n" + ITEM, ["parse", "h.md"]),
    "thread_words": lambda r, s: _one("t.txt", "I recommend " + " ".join(r.choices(WORDS, k=30000)) + " https://x.org/a\n",
                                       ["parse", "--format", "thread", "t.txt"]),
    "thread_capitalised": lambda r, s: _one("t.txt", "Read " + " ".join(w.capitalize() for w in r.choices(WORDS, k=30000)) + "\n",
                                             ["parse", "--format", "thread", "t.txt"]),
    "plaintext_spaces": lambda r, s: _one("p.txt", "Reading list\n\n" + " " * 100000 + "x\n", ["parse", "--format", "plaintext", "p.txt"]),
    "citation_spaces": lambda r, s: _one("c.md", "---\ntitle: x\n---\n\n- " + " " * r.choice([3000, 20000]) + 'et al. (2020). "T." https://x.org\n',
                                          ["parse", "--format", "citations", "c.md"]),
    "pages": lambda r, s: _one("p.bib", "".join(f"@article{{k{i}, title={{Same Title}}, pages={{{'1-' * 20000}}}}}\n" for i in range(2)),
                                ["dedupe", "p.bib"]),
    "digits": lambda r, s: _one("d.yaml", "listmerge: 1\nlists:\n- name: a\n  entries:\n  - title: T\n    year: " + "9" * 5000
                                 + "\n    volume: " + "9" * 5000 + "\n", ["parse", "d.yaml"]),
    "inf": lambda r, s: _one("i.json", '{"listmerge": 1, "lists": [{"name": "a", "entries": [{"title": "T", "year": '
                              + r.choice(["1e400", "-1e400", "NaN", "Infinity"]) + "}]}]}", ["parse", "i.json", "-o", "json"]),
    "front_matter_inf": lambda r, s: _one("f.md", "---\nscore: " + r.choice([".inf", ".nan", "1e400", "9" * 5000]) + "\n---\n" + ITEM,
                                          ["parse", "f.md", "-o", "json"]),
    "surrogates": lambda r, s: _one("s.json", '{"listmerge": 1, "lists": [{"name": "a", "entries": [{"title": "T \\udcff \\ud800", '
                                    '"url": "https://x.org"}]}]}', ["merge", "s.json", "--out", "{out}"],
                                    ["parse", "s.json", "-o", r.choice(LIST_OUTPUTS)]),
    "alias_self": lambda r, s: _one("a.md", "---\na: &a [*a]\n---\n# L\n\n" + ITEM, ["parse", "a.md", "-o", "json"]),
    "billion_laughs": lambda r, s: _one("b.md", "---\n" + _laughs(r.choice([6, 9, 12])) + "---\n# L\n\n" + ITEM, ["parse", "b.md", "-o", "json"]),
    "billion_laughs_yaml": lambda r, s: _one("b.yaml", "listmerge: 1\n" + _laughs(r.choice([6, 9, 12])) + "lists:\n- name: x\n  metadata: {m: *a5}\n  entries: []\n",
                                             ["parse", "b.yaml"]),
    "front_matter_deep": lambda r, s: _one("f.md", "---\nx: " + "[" * 900 + "]" * 900 + "\n---\n" + ITEM, ["parse", "f.md"]),
    "front_matter_deep_block": lambda r, s: _one("f.md", "---\n" + "".join(" " * i + f"k{i}:\n" for i in range(900)) + "---\n# L\n\n" + ITEM,
                                                 ["parse", "--format", "markdown", "f.md"]),
    "nested_lists": lambda r, s: _one("n.md", "# L\n\n" + "".join("  " * i + f"- [P{i}](https://x.org/{i})\n" for i in range(1500)), ["parse", "n.md"]),
    "nested_html": lambda r, s: _one("n.md", "# L\n\n" + "<ul><li>x" * 3000 + "</li></ul>" * 3000 + "\n\n" + ITEM, ["parse", "n.md"]),
    "textbf": lambda r, s: _one("t.bib", "@article{a, title={" + "\\textbf{" * 3000 + "x" + "}" * 3000 + "}}\n", ["parse", "t.bib"]),
    "json_deep": lambda r, s: _one("j.json", '{"listmerge": 1, "lists": ' + "[" * 5000 + "]" * 5000 + "}", ["parse", "j.json"]),
    "repeated_entry": lambda r, s: _one("r.md", "# L\n\n" + ITEM * r.choice([500, 2400]), ["dedupe", "r.md"], note="matching"),
    "bibtex_keys": lambda r, s: _one("k.md", "# L\n\n" + "".join(f"- [Deep Learning Study {i}](https://example.org/{i})\n" for i in range(20000)),
                                     ["parse", "k.md", "-o", "bibtex"]),
    "empty": lambda r, s: _one("e.md", "", ["parse", "e.md"], ["dedupe", "e.md"], ["merge", "e.md", "--out", "{out}"]),
    "utf16": lambda r, s: Case("known", s, {"u.md": ("# L\n\n" + ITEM).encode(r.choice(["utf-16", "utf-32"]))}, [["parse", "u.md"]]),
    "formula": lambda r, s: _one("f.json", json.dumps({"listmerge": 1, "lists": [{"name": "f", "entries": [
        {"title": '=HYPERLINK("http://evil.example","pwned")', "url": "https://x.org"}]}]}), ["parse", "f.json", "-o", "csv"]),
    "doi_newline": lambda r, s: _one("d.md", "# L\n\n- [A paper](https://doi.org/10.1000/x%0A%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
                                     "%0A%7D%0A@misc%7Bpwned,%20title=%7Bx%7D%7D)\n", ["merge", "d.md", "--out", "{out}"]),
    "claim": lambda r, s: _one("c.json", json.dumps({"listmerge": 1, "lists": [{"name": "c", "path": "/etc/passwd` | <img src=x onerror=alert(1)>",
                                                                                  "format": "<script>", "entries": [{"title": "T", "url": "https://x.org"}]}]}),
                               ["merge", "c.json", "--out", "{out}"]),
    "terminal": lambda r, s: _one("t.json", json.dumps({"listmerge": 1, "lists": [{"name": "t", "entries": [
        {"title": "T \x1b]0;pwned\x07 \x1b[2J", "url": "https://x.org"}]}]}), ["parse", "t.json"], ["dedupe", "t.json"]),
}


def family_special(rng: random.Random, seed: int) -> Case:
    """Files that are no files: a pipe, a device, a link loop, a link to nothing, a folder, a
    missing path, standard input; and outputs aimed at inputs, through links and modes."""
    name, text = FORMATS[rng.choice(["markdown", "plaintext", "yaml"])](entries(rng, 5))
    ext = name.rsplit(".", 1)[1]
    good = f"good.{ext}"
    files = {good: text.encode()}
    which = rng.choice(["fifo", "device", "loop", "dangling", "folder", "missing", "out_input", "out_link",
                        "out_hardlink", "merge3_base", "revision", "many_errors"])
    commands: list[list[str]] = []
    expect: dict = {}
    if which == "fifo":
        files["pipe.md"] = ("fifo",)
        commands = [["parse", "pipe.md"], ["merge", good, "pipe.md", "--out", "{out}"]]
    elif which == "device":
        commands = [["parse", rng.choice(["/dev/zero", "/dev/urandom", "/dev/null"])], ["merge", good, "/dev/zero", "--out", "{out}"]]
    elif which == "loop":
        files["a.md"], files["b.md"] = ("symlink", "b.md"), ("symlink", "a.md")
        commands = [["parse", "a.md"], ["parse", "."]]
    elif which == "dangling":
        files["a.md"] = ("symlink", "nowhere.md")
        commands = [["parse", "a.md"], ["merge", ".", "--out", "../out"]]
    elif which == "folder":
        files["sub"] = ("dir",)
        commands = [["parse", "sub"], ["merge", "sub", good, "--out", "{out}"]]
    elif which == "missing":
        commands = [["parse", "missing.md"], ["merge", "missing.md", "--out", "{out}"], ["dedupe", "missing.md"],
                    ["diff", "missing.md", good], ["merge3", good, "missing.md", good]]
    elif which == "out_input":
        commands = [rng.choice([["parse", good, "--out", good], ["dedupe", good, "--out", good],
                                ["diff", good, good, "--out", good], ["parse", ".", "--out", good]])]
        expect = {"exit": 2, "untouched": [good]}
    elif which == "out_link":
        files["link.out"] = ("symlink", good)
        commands = [["parse", good, "-o", "json", "--out", "link.out"]]
        expect = {"exit": 2, "untouched": [good]}
    elif which == "out_hardlink":
        files["hard.out"] = ("hardlink", good)
        commands = [["parse", good, "--out", "hard.out"]]
        expect = {"exit": 2, "untouched": [good]}
    elif which == "merge3_base":
        other = text.replace("\n", "\n\n", 1)
        files["ours." + ext], files["theirs." + ext] = other.encode(), (text + "\n").encode()
        commands = [["merge3", good, "ours." + ext, "theirs." + ext, "-o", rng.choice([good, "theirs." + ext])]]
        expect = {"exit": 2, "untouched": [good, "theirs." + ext]}
    elif which == "revision":
        commands = [["diff", "--", rng.choice(["--output=pwned:x", "-p:x", "--help:x", "HEAD~1:" + good]), good]]
        expect = {"absent": ["pwned", "pwned:x"]}
    elif which == "many_errors":
        commands = [["merge", "missing1.md", "missing2.md", "--out", "{out}"]]
    return Case("special", seed, files, commands, expect=expect, note=which)


def family_scale(rng: random.Random, seed: int) -> Case:
    """Many files, or one list with many alike entries."""
    which = rng.choice(["many_files", "many_files_one_section", "many_alike_keys", "big_list"])
    files: dict = {}
    if which.startswith("many_files"):
        count = rng.choice([300, 1000, 3000, 10000])
        for k in range(count):
            heading = "Papers" if which.endswith("section") else f"Section {k}"
            files[f"lists/l{k:05d}.md"] = f"# {heading}\n\n- [Paper {k} on things](https://example.org/{k})\n".encode()
        return Case("scale", seed, files, [["merge", "lists", "--out", "{out}"]], note=f"{which} {count}")
    if which == "many_alike_keys":
        count = rng.choice([5000, 20000])
        text = "# L\n\n" + "".join(f"- [Deep Learning Study {i}](https://example.org/{i})\n" for i in range(count))
        return Case("scale", seed, {"k.md": text.encode()}, [["parse", "k.md", "-o", rng.choice(["bibtex", "csv"])]], note=f"{which} {count}")
    fmt = rng.choice(sorted(FORMATS))
    name, text = FORMATS[fmt](entries(rng, rng.choice([2000, 5000])))
    return Case("scale", seed, {name: text.encode()}, [["parse", name, "-o", "json"], ["dedupe", name]], note=f"{which} {fmt}")


def family_kill(rng: random.Random, seed: int) -> Case:
    """A merge killed outright while it runs (and so, at times, while it writes), then run again:
    the second run must leave no temporary file behind and write every output whole."""
    files = {}
    if rng.random() < 0.5:  # what a run killed outright before left, as a process that is gone
        dead = 4_194_000 + rng.randrange(300)
        for target in ("canon.md", "canon.json", "report.md"):
            files[f"kept/.{target}.listmerge-{dead}-{rng.randrange(10**6)}.tmp"] = b"half a file"
    for k in range(rng.choice([3, 30, 300])):
        name, text = FORMATS[rng.choice(["markdown", "plaintext", "yaml", "bibtex"])](entries(rng, rng.randint(5, 60), 100 * k))
        files[f"lists/l{k:03d}.{name.rsplit('.', 1)[1]}"] = text.encode()
    share = round(rng.uniform(0.5, 1.0), 2)  # of a whole run's time: late, when it writes
    command = ["merge", "lists", "--out", "kept", "-q"]
    return Case("kill", seed, files, [command, command, command], expect={"kill_share": {1: share}, "outputs": "kept"},
                note=f"killed at {share:.0%} of a run")


FAMILIES: dict[str, tuple[float, Callable[[random.Random, int], Case]]] = {
    "mutate": (0.52, family_mutate),
    "injection": (0.14, family_injection),
    "known": (0.14, family_known),
    "special": (0.10, family_special),
    "scale": (0.05, family_scale),
    "kill": (0.05, family_kill),
}


def make(family: str, seed: int) -> Case:
    case = FAMILIES[family][1](random.Random(seed), seed)
    case.family, case.seed = family, seed
    return case
