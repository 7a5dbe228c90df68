"""MkDocs hook: publish the compiled schemas beside the pages, at the URLs their ``$id`` names.

The schemas' ``$id`` is ``<site_url>schema/<line>/<file>``; copying ``schema/`` into the built site makes
those URLs real, so editors can point at them. Nothing is generated here: the files are copied as built
by ``score-lint schema build``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any


def on_post_build(config: Any, **kwargs: Any) -> None:
    source = Path(config["config_file_path"]).parent / "schema"
    target = Path(config["site_dir"]) / "schema"
    for path in sorted(source.rglob("*.json")):
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
