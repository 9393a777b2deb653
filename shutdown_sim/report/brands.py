"""Apps' names as their owners write them (``whatsapp`` → ``WhatsApp``).

The names come from the ``label`` column of every region's ``apps`` table, so a region's own apps
(a local forum, a national payment app) are named by its data, not by code.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from ..params.region import available_regions, regions_dir


@cache
def _labels(parameters_dir: str | None = None) -> dict[str, str]:
    labels: dict[str, str] = {}
    for region in available_regions(parameters_dir):
        table = regions_dir(parameters_dir) / region / "apps.csv"
        if not table.is_file():
            continue
        with Path(table).open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                app, label = (row.get("app") or "").strip(), (row.get("label") or "").strip()
                if app and label:
                    labels.setdefault(app.lower(), label)
    return labels


def brand(app: str) -> str:
    """An app's display name: its label in the regions' apps tables, else capitalised."""
    key = str(app).strip()
    return _labels().get(key.lower(), key[:1].upper() + key[1:])
