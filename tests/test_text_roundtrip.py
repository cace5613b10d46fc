"""Any Unicode text a user types comes back from the DOCX as typed (NFC, XML-forbidden characters
aside): valid XML whatever it holds, Jinja and docxtpl syntax included."""
import io
import re
import unicodedata

import docx
from hypothesis import HealthCheck, given, settings, strategies as st

from drafter.inline import literal as escaped
from drafter.loader import validate_plain
from drafter.render import render_draft
from drafter.text import clean

BASE = {
    "kind": "ke-hoach", "commune": {"name": "Tân Hội", "type": "xã"}, "date": "2026-02-05",
    "units": [{"id": "vp", "name": "Văn phòng", "role": "standing"}],
}
TAGS = st.sampled_from(["<b>", "</i>", "{{ a }}", "{_{ a }_}", "{_% b %_}", "{% if x %}", "{#", "#}", "}}", "]]>", "<w:t>",
                        "&amp;", "&", "<", ">", '"', "'", "\\", "{{p x }}", "{%tr y %}", "\u00a0", "\u200b"])
TEXT = st.lists(st.one_of(st.text(min_size=1, max_size=30), TAGS), min_size=1, max_size=6).map("".join)


def expected(text: str) -> str:
    return " ".join(clean(text).split())


def document_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    out = [p.text for p in d.paragraphs]
    for table in d.tables:
        out += [c.text for row in table.rows for c in row.cells]
    return " ".join(" ".join(out).split())


def fits(text: str) -> bool:
    e = expected(text)
    return bool(e) and not re.match(r"^[-+] ", clean(text).strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=TEXT.filter(lambda t: fits(t) and not re.search(r"</?[bi]>", t)),  # marks are body text only
       paragraph=TEXT.filter(fits), task=TEXT.filter(fits))
def test_any_text_round_trips(subject, paragraph, task):
    draft = validate_plain(BASE | {
        "subject": subject,
        # body text reads <b>/<i> as emphasis: text typed to print as such is written escaped, as the
        # importer and the report do (drafter.inline.literal)
        "sections": [{"title": "Nhiệm vụ", "items": [escaped(paragraph)],
                      "tasks": [{"text": escaped(task), "lead": "vp"}]}],
        "appendices": [{"title": "Phụ lục"}],
    })
    text = document_text(render_draft(draft))  # render_draft checks the XML strictly
    for typed in (paragraph, task):
        assert expected(typed) in text, typed
    assert unicodedata.is_normalized("NFC", text)
    for literal in ("{_{", "{_%"):
        assert text.count(literal) >= sum(expected(t).count(literal) for t in (subject, paragraph, task))
