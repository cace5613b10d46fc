"""The legal-basis library is read through libyaml (the TUI's start-up); it must read exactly as the round trip."""
from drafter import yamlio
from drafter.library import citation_library
from drafter.model import Citation
from drafter.resources import presets_dir
from drafter.text import clean_tree


def test_fast_read_gives_the_round_trip_library():
    path = presets_dir() / "library" / "can-cu.yaml"
    data, _ = yamlio.read(path)
    slow = {str(k): Citation.model_validate(clean_tree(yamlio.to_plain(v))) for k, v in data.items()}
    assert yamlio.read_shipped(path) == yamlio.to_plain(data)
    assert citation_library() == slow


def test_a_file_with_anchors_is_read_by_the_bounded_parser(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("a: &x [1, 2]\nb: *x\nc: yes\n", encoding="utf-8")
    assert yamlio.read_shipped(path) == {"a": [1, 2], "b": [1, 2], "c": "yes"}  # YAML 1.2, as the round trip
