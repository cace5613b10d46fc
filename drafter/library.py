"""The legal-basis library: citations that drafts and presets name by a short key."""
from __future__ import annotations

from functools import cache

from pydantic import ValidationError

from . import yamlio
from .errors import DraftError, Problem, validation_message
from .model import Citation
from .resources import presets_dir
from .text import clean_tree


@cache
def citation_library() -> dict[str, Citation]:
    path = presets_dir() / "library" / "can-cu.yaml"
    out = {}
    try:  # the fast read; only a broken entry needs the round trip, to name its line
        for key, entry in (yamlio.read_shipped(path) or {}).items():
            out[str(key)] = Citation.model_validate(clean_tree(entry))
        return out
    except (ValidationError, AttributeError, TypeError):
        out = {}
    data, _ = yamlio.read(path)
    for key, entry in (data or {}).items():
        try:
            out[str(key)] = Citation.model_validate(clean_tree(yamlio.to_plain(entry)))
        except ValidationError as exc:
            line, col = yamlio.position(data, (key,))
            raise DraftError([Problem(f"căn cứ «{key}» trong thư viện không hợp lệ: {validation_message(exc.errors()[0])}",
                                      str(path), line, col, (str(key),))]) from None
    return out
