"""Random fills of the tracking workbook read back exactly (hypothesis)."""
import functools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from drafter.derive import derive_model
from drafter.model import Commune
from drafter.presets import load_preset
from drafter.progress import read_progress
from drafter.text import fold
from drafter.track import DONE, STATUSES, plan_tasks, tracking_outputs
from trackfill import fill

# what units type: the list's words, upper or lower case, with or without diacritics, padded
WRITTEN = {s: [s, s.upper(), s.lower(), fold(s), f"  {s} "] for s in STATUSES}


@functools.lru_cache(maxsize=1)
def plan():
    draft = derive_model(load_preset(ROOT / "presets" / "hai-phong-cchc-2026.yaml"), Commune(name="Cát Hải", type="đặc khu"))
    folder = Path(tempfile.mkdtemp(prefix="drafter-fuzz-"))
    [(path, data)] = tracking_outputs(draft, folder / "theo-doi.xlsx")
    path.write_bytes(data)
    return draft, plan_tasks(draft), path


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), seed=st.integers(0, 10_000), extra=st.integers(0, 3), shift=st.integers(0, 6))
def test_random_fills_read_back_exactly(data, seed, extra, shift, tmp_path_factory):
    draft, tasks, path = plan()
    chosen = data.draw(st.lists(st.sampled_from([*STATUSES, None]), min_size=len(tasks), max_size=len(tasks)))
    typed = {t.id: (data.draw(st.sampled_from(WRITTEN[s])) if s else None) for t, s in zip(tasks, chosen)}
    back = tmp_path_factory.mktemp("fuzz") / "ve.xlsx"
    fill(path, back, typed, seed=seed, extra_cols=extra, shift=shift)
    progress = read_progress(draft, [back])
    assert progress.problems == [] and progress.unmatched == []
    assert [e.status for e in progress.entries] == chosen
    assert sum(e.done for e in progress.entries) == chosen.count(DONE)
