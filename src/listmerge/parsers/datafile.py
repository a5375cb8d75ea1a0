"""YAML and JSON data files that generate list sites: a sequence of records (mappings with a
name or title and links), at the top or under a key, maybe grouped under named mappings.

A record's links are its URL values (``url``, ``link``, ``homepage``, ``docs_url``, a nested
``links`` mapping of label to URL, ...) and the links its identifier fields name
(``github_id: owner/name``); the work's own link comes first, code, docs and package pages after
it. Its section is its group's name and its category, field or task fields (translated through the
file's table of categories, when it has one). Authors, date or year, venue, description and ids
are read when present. Links outside the records (a table of label icons, settings) are skipped,
and recorded with the reason.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath
from typing import Any, Iterator

from . import Parser
from ..identify import ID_SCHEMES
from .base import ListBuilder, ids_for
from .biblio import clean, declare_sections, json_text, kind_for, merge_ids, scheme_ids, too_deep, year_of, yaml_loader
from .cite import split_authors
from .links import is_image, supporting

NAME = "data"

#: Keys that name a record, best first.
TITLE_KEYS = ("title", "name", "paper_title", "paper", "project_name", "project")
#: Keys whose value is the record's section, outermost first; a list gives its first item.
SECTION_KEYS = ("section", "category", "categories", "field", "area", "task", "topic", "topics", "subcategory")
AUTHOR_KEYS = ("authors", "author", "creators", "creator")
YEAR_KEYS = ("year", "date", "published", "publication_date", "published_at", "issued", "released")
VENUE_KEYS = ("venue", "source", "journal", "conference", "booktitle", "container_title", "publisher", "publication")
NOTE_KEYS = ("description", "summary", "tldr", "note", "notes", "comment", "annote", "abstract")
ALIAS_KEYS = ("alias", "aliases", "short_name", "acronym", "nickname")
KIND_KEYS = ("kind", "type")
KEY_KEYS = ("id", "key", "slug")
#: Fields that hold bibliographic facts: a linkless mapping with a title and one of these is a work.
BIBLIOGRAPHIC = frozenset(AUTHOR_KEYS + ("year", "isbn", "doi", "arxiv"))
#: Keys of images (a logo, an icon, a screenshot): their links are never the work.
IMAGE_KEYS = re.compile(r"(?:^|_)(?:image|img|logo|icon|thumbnail|thumb|avatar|cover|badge|screenshot|banner|gif)s?(?:_|$)",
                        re.IGNORECASE)
OWNER_NAME = re.compile(r"^[\w.-]+/[\w.-]+$")
PACKAGE_NAME = re.compile(r"^@?[\w.-]+(?:/[\w.-]+)?$")
ARXIV_ID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")


@dataclass(frozen=True)
class IdLink:
    """An identifier field that names a link: its URL, the form of a value, and whether the
    link is a further one (a package page) rather than the work's own."""

    template: str
    value: re.Pattern
    further: bool = False


ID_LINKS: dict[str, IdLink] = {
    **dict.fromkeys(("github_id", "github", "repo"), IdLink("https://github.com/{}", OWNER_NAME)),
    "gitlab_id": IdLink("https://gitlab.com/{}", OWNER_NAME),
    "pypi_id": IdLink("https://pypi.org/project/{}", PACKAGE_NAME, further=True),
    "npm_id": IdLink("https://www.npmjs.com/package/{}", PACKAGE_NAME, further=True),
    "crates_id": IdLink("https://crates.io/crates/{}", PACKAGE_NAME, further=True),
    "arxiv_id": IdLink("https://arxiv.org/abs/{}", ARXIV_ID),
}
WEB_VALUE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
#: A sequence is a list of records when at least this share of its mappings are works.
RECORD_SHARE = 0.5
MAX_DEPTH = 12
MAX_VISITS = 500_000


@dataclass(frozen=True)
class Found:
    """A record found in the document: where it is (keys and indices from the top), the
    mapping, and the section its groups give it."""

    path: tuple[Any, ...]
    record: dict[str, Any]
    section: tuple[str, ...]
    source: int = 0  # id() of the mapping in the document the record was read from


# --- reading the document -----------------------------------------------------------------------

@lru_cache(maxsize=4)
def load(text: str) -> Any:
    """The document's data, or None when it is neither JSON nor YAML (or Python cannot hold it)."""
    import yaml

    if too_deep(text):
        return None
    try:
        if text.lstrip().startswith(("{", "[")):
            return json.loads(json_text(text))
        return yaml.load(text, Loader=yaml_loader(yaml))
    except (ValueError, TypeError, RecursionError, yaml.YAMLError):
        return None


def _title(record: dict[str, Any]) -> str | None:
    for key in TITLE_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value.strip() and not WEB_VALUE.match(value.strip()):
            return clean(value)
    return None


def record_links(record: dict[str, Any]) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
    """The record's links as (label, url): its own, its further ones, and its images."""
    own, further, images = [], [], []
    for key, value in record.items():
        key = str(key)
        for label, url in _links_of(key, value):
            if IMAGE_KEYS.search(key) or is_image(url):
                images.append(url)
            elif key.lower() in ID_LINKS and ID_LINKS[key.lower()].further:
                further.append((label, url))
            else:
                (further if supporting(_label(label), url) else own).append((label, url))
    return own, further, images


def _links_of(key: str, value: Any) -> Iterator[tuple[str, str]]:
    """URLs of one field: a URL, a list of URLs, a mapping of label to URL, or an identifier
    that names a link (``github_id: owner/name``)."""
    if isinstance(value, str):
        value = value.strip()
        if WEB_VALUE.match(value):
            yield key, value
        elif key.lower() in ID_LINKS and ID_LINKS[key.lower()].value.match(value):
            yield key, ID_LINKS[key.lower()].template.format(value)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str) and WEB_VALUE.match(item.strip()):
                yield key, item.strip()
            elif isinstance(item, dict):
                yield from _labelled(item, key)
    elif isinstance(value, dict):
        yield from _labelled(value, key)


def _labelled(mapping: dict[str, Any], key: str) -> Iterator[tuple[str, str]]:
    """A nested mapping of links: {"Paper": url, "Github": url}, or {"name": ..., "url": ...}."""
    label = mapping.get("name") or mapping.get("label") or mapping.get("title")
    for sub, value in mapping.items():
        if isinstance(value, str) and WEB_VALUE.match(value.strip()):
            yield (str(label) if isinstance(label, str) else str(sub)), value.strip()


def _label(key: str) -> str:
    """A field name as a link label: "docs_url" -> "docs", "Github-2" -> "Github"."""
    words = re.findall(r"[A-Za-z]+", re.sub(r"(?<=[a-z])(?=[A-Z])", " ", key))
    return " ".join(w for w in words if w.lower() not in ("url", "urls", "link", "links", "href", "id"))


def is_work(record: dict[str, Any]) -> bool:
    """A mapping that names a work: a title and a link, or a title and a bibliographic fact;
    not a group of works ({"name": "Vision", "papers": [...]})."""
    if _title(record) is None or is_group(record):
        return False
    own, further, _ = record_links(record)
    return bool(own or further) or any(record.get(k) for k in BIBLIOGRAPHIC)


class Walk:
    """Finds the records of a document, once each, within a budget (aliases may share or loop)."""

    def __init__(self) -> None:
        self.found: list[Found] = []
        self.visits = 0
        self.seen: set[int] = set()

    def node(self, value: Any, path: tuple, section: tuple[str, ...], depth: int = 0) -> bool:
        """Collect the records under ``value``; whether any was found. A list or mapping that
        aliases share is read where it first appears, and only there."""
        self.visits += 1
        if depth > MAX_DEPTH or self.visits > MAX_VISITS or not isinstance(value, (list, dict)) \
                or id(value) in self.seen:
            return False
        self.seen.add(id(value))
        if isinstance(value, list):
            return self._sequence(value, path, section, depth)
        return self._mapping(value, path, section, depth)

    def _sequence(self, items: list, path: tuple, section: tuple[str, ...], depth: int) -> bool:
        mappings = [item for item in items if isinstance(item, dict)]
        works = sum(map(is_work, mappings))
        if mappings and works >= RECORD_SHARE * len(mappings):
            for index, item in enumerate(items):
                if isinstance(item, dict) and (is_work(item) or record_links(item)[0]):
                    self.found.append(Found(path + (index,), item, section, id(item)))
            return True
        found = False
        for index, item in enumerate(items):
            group = _group_name(item) if isinstance(item, dict) else None
            found |= self.node(item, path + (index,), section + ((group,) if group else ()), depth + 1)
        return found

    def _mapping(self, mapping: dict, path: tuple, section: tuple[str, ...], depth: int) -> bool:
        """Each value in turn; when several keys hold records, each key names a section."""
        keyed = {k: v for k, v in mapping.items() if isinstance(v, (list, dict))}
        named = [k for k, v in keyed.items() if isinstance(v, dict) and _title(v) is None and is_work({**v, "name": str(k)})]
        if len(named) >= 2 and len(named) >= RECORD_SHARE * len(keyed):
            for key in named:
                self.found.append(Found(path + (key,), {"name": str(key), **mapping[key]}, section, id(mapping[key])))
            return True
        starts = len(self.found)
        holders = [k for k, v in keyed.items() if self.node(v, path + (k,), section, depth + 1)]
        if len(holders) >= 2:
            found = self.found[starts:]
            self.found[starts:] = [Found(f.path, f.record, f.section[:len(section)] + (str(f.path[len(path)]),)
                                         + f.section[len(section):], f.source) for f in found]
        return bool(holders)


def is_group(mapping: dict[str, Any]) -> bool:
    """A mapping that holds a list of works."""
    for value in mapping.values():
        if isinstance(value, list):
            items = [v for v in value[:50] if isinstance(v, dict)]
            if items and sum(_title(v) is not None and not any(isinstance(x, list) and x and isinstance(x[0], dict)
                                                                for x in v.values()) for v in items) >= RECORD_SHARE * len(items) \
                    and any(is_work(v) for v in items):
                return True
    return False


def _group_name(mapping: dict[str, Any]) -> str | None:
    """The name of a mapping that groups records ({"name": "Vision", "papers": [...]})."""
    for key in TITLE_KEYS + SECTION_KEYS + ("label", "heading", "group"):
        value = mapping.get(key)
        if isinstance(value, str) and value.strip():
            return clean(value)
    return None


def category_titles(data: Any, records: list[Found]) -> dict[str, str]:
    """The file's table of categories: id -> title, from a top-level sequence of mappings that
    give an id ("category", "id", "key", "slug") and a "title" or "name", and no links."""
    titles: dict[str, str] = {}
    if not isinstance(data, dict):
        return titles
    used = {f.source for f in records}
    for value in data.values():
        if not isinstance(value, list) or not value or any(id(v) in used for v in value):
            continue
        for item in value:
            if not isinstance(item, dict):
                continue
            ident = next((item[k] for k in ("category", "id", "key", "slug") if isinstance(item.get(k), str)), None)
            title = next((item[k] for k in ("title", "name") if isinstance(item.get(k), str) and item[k] != ident), None)
            if ident and title and not record_links(item)[0]:
                titles.setdefault(ident, clean(title))
    return titles


# --- where things are in the text ---------------------------------------------------------------

class Places:
    """Line spans and source text of nodes found by path, read from YAML's node tree (JSON is
    YAML enough for this); when the text cannot be composed, everything is on line 1."""

    def __init__(self, text: str):
        import yaml

        self.text = text
        try:
            self.root = yaml.compose(json_text(text), Loader=yaml_loader(yaml))
        except (yaml.YAMLError, ValueError, RecursionError):
            self.root = None

    def node(self, path: tuple) -> Any:
        import yaml

        node = self.root
        for step in path:
            if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            elif isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if getattr(k, "value", None) == str(step)), None)
            else:
                return None
        return node

    def span(self, path: tuple) -> tuple[int, int, str]:
        """(line, end_line, raw text) of the node at ``path``."""
        node = self.node(path)
        if node is None:
            return 1, 1, ""
        start, end = node.start_mark, node.end_mark
        raw = self.text[start.index:end.index].rstrip()  # a block ends where the next one starts
        return start.line + 1, start.line + 1 + raw.count("\n"), raw.strip()


# --- entries ------------------------------------------------------------------------------------

def parse(text: str, path: str) -> tuple:
    builder = ListBuilder(path, NAME, text.split("\n"))
    data = load(text)
    if data is None:
        builder.problem(None, "not a JSON or YAML document this reader can hold")
        return (builder.build(),)
    walk = Walk()
    walk.node(data, (), ())
    places = Places(text)
    titles = category_titles(data, walk.found)
    if isinstance(data, dict) and isinstance(data.get("title"), str):
        builder.title = clean(data["title"])
    for found in walk.found:
        _entry(builder, found, places, titles)
    _skip_outside(builder, data, walk.found, places)
    declare_sections(builder)
    return (builder.build(),)


def _entry(builder: ListBuilder, found: Found, places: Places, titles: dict[str, str]) -> None:
    line, end_line, raw = places.span(found.path)
    own, further, images = record_links(found.record)
    record = {str(k).lower().replace("-", "_"): v for k, v in found.record.items()}  # "DOI", "container-title"
    title = _title(record)
    if title is None:
        builder.problem(line, "record has no name or title (kept as an untitled entry)")
    for url in images:
        builder.skip(line, url, "badge or image")
    urls = tuple(dict.fromkeys(url for _, url in own + further))
    ids = merge_ids(scheme_ids({scheme: _text(record.get(scheme)) for scheme in ID_SCHEMES}), ids_for(*urls))
    builder.add(
        line, end_line, title=title, url=urls[0] if urls else None, urls=urls, ids=ids,
        authors=_authors(record), year=year_of(*(record.get(k) for k in YEAR_KEYS), _first(record, VENUE_KEYS)),
        venue=_first(record, VENUE_KEYS), annotation=_first(record, NOTE_KEYS) or "",
        aliases=_aliases(record), key=_first(record, KEY_KEYS),
        kind=kind_for(_first(record, KIND_KEYS), urls[0] if urls else None, ids),
        section=found.section + _own_section(record, titles), raw=raw,
    )


def _text(value: Any) -> str | None:
    return clean(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    return next((t for t in (_text(record.get(k)) for k in keys) if t), None)


def _authors(record: dict[str, Any]) -> tuple[str, ...]:
    value = next((record[k] for k in AUTHOR_KEYS if record.get(k)), None)
    if isinstance(value, str):
        return tuple(n for n in map(_name, split_authors(value)) if n)
    if isinstance(value, list):
        return tuple(n for n in (_person(v) for v in value) if n)
    return ()


#: Footnote marks in author lists ("Tian Xie<sup>1</sup>") and other inline HTML.
FOOTNOTE_MARK = re.compile(r"<sup>[^<]{0,20}</sup>|(?<!\*)\*+$|†|‡", re.IGNORECASE)
TAG = re.compile(r"</?[a-z][^<>]{0,200}>", re.IGNORECASE)


def _name(text: str) -> str | None:
    return clean(TAG.sub("", FOOTNOTE_MARK.sub("", text)))


def _person(value: Any) -> str | None:
    if isinstance(value, dict):
        family, given = _text(value.get("family") or value.get("last")), _text(value.get("given") or value.get("first"))
        return _text(value.get("name")) or (", ".join(p for p in (family, given) if p) or None)
    text = _text(value)
    return _name(text) if text else None


def _aliases(record: dict[str, Any]) -> tuple[str, ...]:
    found = []
    for key in ALIAS_KEYS:
        value = record.get(key)
        found += [_text(v) for v in (value if isinstance(value, list) else [value])]
    return tuple(dict.fromkeys(a for a in found if a))


def _own_section(record: dict[str, Any], titles: dict[str, str]) -> tuple[str, ...]:
    """The record's category, field or task fields, outermost first, ids read as titles."""
    path = []
    for key in SECTION_KEYS:
        value = record.get(key)
        value = value[0] if isinstance(value, list) and value else value
        text = _text(value)
        if text and text not in path:
            path.append(titles.get(text, text))
    return tuple(path)


def _skip_outside(builder: ListBuilder, data: Any, records: list[Found], places: Places) -> None:
    """Every URL of the document outside its records is recorded as skipped, with the reason."""
    inside = {f.source for f in records}
    for path, key, url in _urls_outside(data, inside):
        reason = "badge or image" if IMAGE_KEYS.search(key) or is_image(url) else "not in a record of the list"
        builder.skip(places.span(path)[0], url, reason)


def _urls_outside(value: Any, inside: set[int], path: tuple = (), key: str = "", budget: list | None = None):
    budget = budget if budget is not None else [MAX_VISITS]
    budget[0] -= 1
    if budget[0] < 0 or id(value) in inside or len(path) > MAX_DEPTH:
        return
    if isinstance(value, str):
        if WEB_VALUE.match(value.strip()):
            yield path, key, value.strip()
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _urls_outside(v, inside, path + (k,), str(k), budget)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _urls_outside(v, inside, path + (i,), key, budget)


# --- detection ----------------------------------------------------------------------------------

def detect(text: str, path: str) -> float:
    """A data file of records: JSON or YAML (by extension or an opening bracket) whose records
    are found, and that is neither listmerge's own format nor CSL-JSON."""
    suffix = PurePath(path).suffix.lower()
    if suffix not in (".json", ".yaml", ".yml") and not text.lstrip().startswith(("{", "[")):
        return 0.0
    data = load(text)
    if data is None or _is_listmerge(data) or _is_csl(data):
        return 0.0
    walk = Walk()
    walk.node(data, (), ())
    return 0.8 if len(walk.found) >= 2 or (walk.found and suffix in (".json", ".yaml", ".yml")) else 0.0


def _is_listmerge(data: Any) -> bool:
    return isinstance(data, dict) and ("listmerge" in data or isinstance(data.get("entries"), list)
                                       or isinstance(data.get("lists"), list))


def _is_csl(data: Any) -> bool:
    """An array of CSL items: a type and CSL's own fields (issued, container-title, name parts)."""
    items = [item for item in data[:50] if isinstance(item, dict)] if isinstance(data, list) else []
    csl = sum(bool(item.get("type")) and any(k in item for k in ("issued", "container-title", "author", "editor"))
              for item in items)
    return bool(items) and csl >= RECORD_SHARE * len(items)


PARSER = Parser(
    name=NAME,
    description="YAML/JSON data files of list sites: records with a name or title and links",
    detect=detect,
    parse=parse,
    extensions=(".yaml", ".yml", ".json"),
)
