"""drafter schema: every field a draft can hold is explained in Vietnamese for the editor."""
from __future__ import annotations

import json
import unicodedata

from click.testing import CliRunner

from drafter.cli import main
from drafter.model import Draft
from drafter.schema import SCHEMA_FILE, draft_schema


def _properties(schema: dict):
    yield "Draft", schema["properties"]
    for name, body in schema["$defs"].items():
        yield name, body.get("properties", {})


def test_every_field_has_a_vietnamese_description():
    schema = draft_schema()
    missing = [f"{model}.{field}" for model, props in _properties(schema) for field, prop in props.items()
               if not prop.get("description")]
    assert missing == []
    count = sum(len(props) for _, props in _properties(schema))
    assert count >= 90  # every field of every model of the draft
    for _, props in _properties(schema):
        for prop in props.values():
            text = prop["description"]
            assert text == unicodedata.normalize("NFC", text) and len(text) > 5


def test_no_internal_field_and_dates_are_written_as_text():
    schema = draft_schema()
    assert "Source" not in schema["$defs"] and "PartialDate" not in schema["$defs"]
    assert all("src" not in props for _, props in _properties(schema))
    assert schema["properties"]["date"]["type"] == ["string", "integer"]
    assert "2026-06" in schema["properties"]["date"]["examples"]
    decision_date = schema["$defs"]["Decision"]["properties"]["date"]
    assert decision_date["type"] == ["string", "integer"] and "mặc định" in decision_date["description"]
    assert "PartialDate" not in json.dumps(schema)
    # the model's own fields, all present
    assert set(schema["properties"]) == set(Draft.model_fields) - {"src"}


def test_schema_to_a_file(tmp_path):
    out = tmp_path / "ban-thao.schema.json"
    for _ in range(2):  # written again without --force: it is always regenerated
        result = CliRunner().invoke(main, ["schema", "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8")) == draft_schema()
    result = CliRunner().invoke(main, ["schema", "--preset", "-o", str(tmp_path / "preset.json")])
    assert result.exit_code == 0 and "Preset drafter" in (tmp_path / "preset.json").read_text(encoding="utf-8")


def test_a_new_draft_names_its_schema_on_its_first_line_and_finds_it_beside_it(tmp_path):
    out = tmp_path / "vo-cuong.yaml"
    result = CliRunner().invoke(main, ["new", "--preset", "bac-ninh-cchc-2026", "--commune", "Võ Cường",
                                       "--type", "phường", "-o", str(out)])
    assert result.exit_code == 0, result.output
    first = out.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_FILE}"
    assert json.loads((tmp_path / SCHEMA_FILE).read_text(encoding="utf-8")) == draft_schema()
