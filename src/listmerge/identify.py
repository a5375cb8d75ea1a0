"""Identifiers, canonical URLs and normalised titles.

Every identifier scheme is one row of ``ID_PATTERNS``: a name, a regular expression and a
function that turns the match into the canonical value. Nothing else in listmerge writes an
identifier regex.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from rapidfuzz import fuzz

_ARXIV_NEW = r"(?P<new>\d{4}\.\d{4,5})(?:v\d+)?"
_ARXIV_OLD = r"(?P<old>[a-z][a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"


def _arxiv(m: re.Match) -> str:
    groups = m.groupdict()
    return groups.get("new") or groups.get("old")


def _lower(group: str) -> Callable[[re.Match], str]:
    return lambda m: unquote(m.group(group)).rstrip(".,;)").lower()


def _plain(group: str) -> Callable[[re.Match], str]:
    return lambda m: m.group(group)


def _isbn(m: re.Match) -> str | None:
    return isbn13(m.group("isbn"))


def _github(m: re.Match) -> str | None:
    owner, repo = m.group("owner").lower(), m.group("repo").lower()
    if repo.endswith(".git"):
        repo = repo[:-4]
    if owner in GITHUB_NON_OWNERS:
        return None
    return f"{owner}/{repo}"


@dataclass(frozen=True)
class IdPattern:
    scheme: str
    regex: re.Pattern
    value: Callable[[re.Match], str | None]
    hint: str  # lower-case text every match holds: an ASCII text without it is not searched


def _p(scheme: str, pattern: str, value: Callable[[re.Match], str | None], hint: str) -> IdPattern:
    return IdPattern(scheme, re.compile(pattern, re.IGNORECASE), value, hint)


GITHUB_NON_OWNERS = frozenset({"about", "features", "topics", "orgs", "sponsors", "marketplace", "settings"})

#: The one table of identifier patterns. Order matters only within a scheme (first match wins).
ID_PATTERNS: tuple[IdPattern, ...] = (
    _p("arxiv", r"arxiv\.org/(?:abs|pdf|html|format)/" + _ARXIV_NEW, _arxiv, "arxiv.org/"),
    _p("arxiv", r"arxiv\.org/(?:abs|pdf|html|format)/" + _ARXIV_OLD, _arxiv, "arxiv.org/"),
    _p("arxiv", r"(?:doi\.org/|doi:\s*)?10\.48550/arxiv\." + _ARXIV_NEW, _arxiv, "10.48550/arxiv."),
    _p("arxiv", r"\barxiv[:\s]\s*" + _ARXIV_NEW, _arxiv, "arxiv"),
    _p("arxiv", r"\barxiv[:\s]\s*" + _ARXIV_OLD, _arxiv, "arxiv"),
    _p("doi", r"(?<!\w)(?:https?://)?(?:dx\.)?doi\.org/(?P<doi>10\.\d{4,9}/[^\s\"<>#?]+)", _lower("doi"), "doi.org/"),
    _p("doi", r"\bdoi:\s*(?P<doi>10\.\d{4,9}/[^\s\"<>]+)", _lower("doi"), "doi:"),
    _p("doi", r"/doi/(?:abs/|full/|pdf/|epdf/)?(?P<doi>10\.\d{4,9}/[^\s\"<>#?]+)", _lower("doi"), "/doi/"),
    _p("openreview", r"openreview\.net/(?:forum|pdf)\?(?:[^#\s]*&)?id=(?P<id>[A-Za-z0-9_\-]+)", _plain("id"), "openreview.net/"),
    _p("acl", r"aclanthology\.org/(?P<id>\d{4}\.[a-z\-]+\.\d+|[A-Z]\d{2}-\d{4})", _lower("id"), "aclanthology.org/"),
    _p("acl", r"aclweb\.org/anthology/(?:[A-Z]/[A-Z]\d{2}/)?(?P<id>[A-Z]\d{2}-\d{4})", _lower("id"), "aclweb.org/anthology/"),
    _p("neurips", r"(?:proceedings\.neurips\.cc|papers\.nips\.cc)/paper(?:_files/paper)?/\d{4}/(?:hash|file)/(?P<id>[0-9a-f]{32})", _plain("id"), "ips.cc"),
    _p("pmlr", r"proceedings\.mlr\.press/(?P<id>v\d+/[a-z0-9\-]+)", _lower("id"), "proceedings.mlr.press/"),
    _p("github", r"github\.com/(?P<owner>[A-Za-z0-9\-_.]+)/(?P<repo>[A-Za-z0-9\-_.]+)", _github, "github.com/"),
    _p("isbn", r"\bisbn(?:-1[03])?:?\s*(?P<isbn>[0-9][0-9\- ]{8,16}[0-9Xx])\b", _isbn, "isbn"),
    _p("isbn", r"/dp/(?P<isbn>\d{9}[\dXx])\b", _isbn, "/dp/"),
)

ID_SCHEMES = tuple(dict.fromkeys(p.scheme for p in ID_PATTERNS))


#: Where an identifier lives on the web: the link a canonical record prefers.
ID_URLS = {
    "doi": "https://doi.org/{}",
    "arxiv": "https://arxiv.org/abs/{}",
    "openreview": "https://openreview.net/forum?id={}",
    "acl": "https://aclanthology.org/{}",
    "pmlr": "https://proceedings.mlr.press/{}",
    "github": "https://github.com/{}",
}


def id_url(scheme: str, value: str) -> str | None:
    """The canonical URL of an identifier (arxiv 2005.14165 -> https://arxiv.org/abs/2005.14165)."""
    pattern = ID_URLS.get(scheme)
    return pattern.format(value) if pattern else None


def find_ids(text: str) -> dict[str, str]:
    """Every identifier visible in ``text`` (a URL or free text), one value per scheme."""
    found: dict[str, str] = {}
    if not text:
        return found
    lower = text.lower() if text.isascii() else None  # case-insensitive matching of ASCII is lower()
    for pattern in ID_PATTERNS:
        if pattern.scheme in found or (lower is not None and pattern.hint not in lower):
            continue
        m = pattern.regex.search(text)
        if m:
            value = pattern.value(m)
            if value:
                found[pattern.scheme] = value
    if found.get("doi", "").startswith("10.48550/arxiv."):
        del found["doi"]  # arXiv's own DOI is the arXiv id, not a second identity
    return found


def isbn13(raw: str) -> str | None:
    """ISBN-10 or -13 (with hyphens or spaces) as ISBN-13 digits, or None if the checksum fails."""
    digits = re.sub(r"[\s\-]", "", raw).upper()
    if len(digits) == 10 and re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        if total % 11:
            return None
        digits = "978" + digits[:9]
        return digits + _isbn13_check(digits)
    if len(digits) == 13 and digits.isdigit():
        return digits if _isbn13_check(digits[:12]) == digits[12] else None
    return None


def _isbn13_check(first12: str) -> str:
    total = sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(first12))
    return str((10 - total % 10) % 10)


# --- canonical URLs -----------------------------------------------------------------------

TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ref", "ref_src", "ref_url", "source",
    "igshid", "si", "s", "share", "utm", "_hsenc", "_hsmi", "spm", "ab_channel", "trk", "src",
    "publication_id", "post_id", "isfreemail", "r", "triedredirect",
})


_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)
_TRAILING_SLASHES = re.compile(r"(?<!/)/+$")


@lru_cache(maxsize=262144)  # every link of a 100k-entry merge, read again when works are made
def canonical_url(url: str) -> str:
    """The form of ``url`` used for identity: https, lower-case host without www., no fragment,
    no trailing slash, tracking parameters dropped, meaningful parameters kept (sorted)."""
    url = url.strip().strip("<>")
    if not _SCHEME.match(url):
        url = "https://" + url
    plain = _PLAIN_URL.fullmatch(url)
    if plain:  # what urllib's route below gives such a link, without taking it apart
        host = plain.group(1).lower()
        return "https://" + (host[4:] if host.startswith("www.") else host) + _TRAILING_SLASHES.sub("", plain.group(2) or "")
    return _by_urllib(url)


#: A link with nothing for urllib to take apart: http(s), a host without port or user, and a
#: path without escapes, query or fragment.
_PLAIN_URL = re.compile(r"https?://([A-Za-z0-9][A-Za-z0-9.-]*)(/[A-Za-z0-9._~/!$&'()*+,;=:@-]*)?", re.IGNORECASE)


def _by_urllib(url: str) -> str:
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is no number ("host::1")
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = _TRAILING_SLASHES.sub("", unquote(parts.path)) or ""
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
    ] if parts.query else []
    return urlunsplit(("https", host, path, urlencode(sorted(query)) if query else "", ""))


_HASH = re.compile(r"(?<![a-z0-9])[0-9a-f]{16,}(?![a-z0-9])")


@lru_cache(maxsize=65536)
def path_shape(url: str) -> tuple[str, ...]:
    """The shape of a link's path, segment by segment: "9" a number, "h" a segment holding a hash,
    "a" any other name ("/paper/4824-imagenet.pdf" -> ("a", "a"), "/paper/2012/hash/c39...-
    Abstract.html" -> ("a", "9", "a", "h")). Two links of one site in different shapes are two
    URL schemes, which may name one page; slugs of one scheme ("/p/shunyu", "/p/sam2") do not."""
    canonical = canonical_url(url)
    path = canonical.split("/", 3)[3] if canonical.count("/") >= 3 else ""
    return tuple("9" if segment.isdigit() else "h" if _HASH.search(segment.lower()) else "a"
                 for segment in (path.split("/") if path else ()))


def url_host(url: str) -> str:
    return urlsplit(canonical_url(url)).netloc


# --- titles ----------------------------------------------------------------------------------

_MARKUP = re.compile(r"[*_`~]|</?[a-z]+>|\\")
_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=262144)
def normalise_title(title: str) -> str:
    """NFKC, case-folded, markup and punctuation removed, whitespace collapsed; numbers are kept
    as their own tokens ("GPT-3" -> "gpt 3", "Qwen2" -> "qwen 2")."""
    text = unicodedata.normalize("NFKC", title or "")
    text = without_accents(_MARKUP.sub(" ", text))
    text = text.casefold().replace("_", " ")
    text = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def without_accents(text: str) -> str:
    """NFKD with the combining marks dropped ("Schütze" -> "Schutze"); ASCII text has none."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def title_tokens(title: str) -> tuple[str, ...]:
    return tuple(normalise_title(title).split())


#: How alike two names (section names, venues) must be to agree: rapidfuzz token_set_ratio.
NAME_SIMILARITY = 90


def acronym(name: str) -> str:
    words = normalise_title(name).split()
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def names_agree(a: str, b: str) -> bool:
    """Two names for one thing: the same words give or take a few ("SIGMOD Record" and "ACM
    SIGMOD Record"), or one is the other's acronym ("VLDB", "Very Large Data Bases")."""
    na, nb = normalise_title(a), normalise_title(b)
    if not na or not nb:
        return False
    if fuzz.token_set_ratio(na, nb, processor=None, score_cutoff=NAME_SIMILARITY):
        return True
    return na.replace(" ", "") == acronym(b) or nb.replace(" ", "") == acronym(a)
