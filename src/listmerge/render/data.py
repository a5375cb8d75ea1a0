"""Machine-readable renderings: JSON and listmerge's own YAML."""
from __future__ import annotations

import json
from typing import Any

import yaml

from ..serialize import document


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_yaml(data: Any) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def lists_json(lists) -> str:
    return to_json(document(lists))


def lists_yaml(lists) -> str:
    return to_yaml(document(lists))
