"""Fill a template with a context and produce DOCX bytes.

A :class:`PreparedTemplate` reads the template package, runs docxtpl's XML clean-up
and compiles the Jinja template once; each render then only runs the compiled
template and zips the result with the untouched parts. The output is checked with a
strict XML parser, so a broken template can never give a silently truncated file.
"""
from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path
from xml.parsers import expat

from docx.enum.section import WD_ORIENT
from docx.shared import Twips
from docxtpl import DocxTemplate
from jinja2 import Environment, TemplateError

from . import nd30
from .context import build_context
from .docxpkg import Entry, read_parts, write_parts
from .errors import Problem, RenderError
from .geometry import page_size, page_size_xml
from .model import Draft
from .resources import template_path

_BODY = re.compile(r"(<w:body>)(.*)(</w:body>)", re.DOTALL)
_TEXT = re.compile(r"<w:t[^>]*>([^<]*)</w:t>")
_PARA = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # docxtpl's own paragraph pattern
_PAGE_SIZE = re.compile(r"<w:pgSz\b[^>]*/>")
# What docxtpl's resolve_listing rewrites: a tab, new line, \a or \f in a text element.
_LISTING = re.compile("<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]|<w:t [^>]*[\t\a\n\f]")


class PreparedTemplate:
    """A template read, cleaned and compiled once, rendered many times."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.name = self.path.stem
        self.parts = read_parts(self.path.read_bytes())
        # Parts other than the body never change: compress them once, reuse the entries.
        self._entries = {n: Entry(n, d) for n, d in self.parts.items() if n != "word/document.xml"}
        xml = self.parts["word/document.xml"].decode("utf-8")
        m = _BODY.search(xml)
        self._head, self._tail = xml[: m.start(2)], xml[m.end(2):]
        body, last = _split_last_section(m.group(2))
        # The body's own sectPr ends the last part a file shows; its page is the only one that
        # depends on the document, so both variants are made here, once.
        self._last_section = {o: _PAGE_SIZE.sub(page_size_xml(o), last, count=1) for o in nd30.Orientation}
        tpl = DocxTemplate(self.path)  # its XML clean-up is the reference behaviour
        body = tpl.patch_xml(body)
        # Like docxtpl, each paragraph starts a line so that Jinja's line numbers count
        # paragraphs; the new line sits in a Jinja comment, so the output holds none of them.
        self._source = _literal_tags(re.sub(r"<w:p([ >])", r"{#\n#}<w:p\1", body))
        self._listing = tpl.resolve_listing
        env = Environment(autoescape=True)
        try:
            self._template = env.from_string(self._source)
        except TemplateError as exc:
            raise RenderError([self._where(exc, "mẫu có thẻ Jinja sai cú pháp")]) from None

    def _where(self, exc: TemplateError, what: str) -> Problem:
        lineno = getattr(exc, "lineno", None) or _template_line(exc)
        para = ""
        if lineno:
            lines = self._source.splitlines()
            para = " ".join(_TEXT.findall(lines[lineno - 1])) if 0 < lineno <= len(lines) else ""
        where = f"đoạn thứ {lineno} («{para.strip()[:80]}»)" if lineno else "không rõ đoạn"
        return Problem(f"{what}: {exc}; tại {where}. Hãy sửa thẻ trong mẫu rồi chạy lại", str(self.path))

    def render_xml(self, context: dict) -> str:
        """The rendered document.xml."""
        try:
            body = self._template.render(context)
        except TemplateError as exc:
            raise RenderError([self._where(exc, "không điền được mẫu")]) from None
        return self._head + self._resolve_listing(body) + self._last_section[last_orientation(context)] + self._tail

    def _resolve_listing(self, body: str) -> str:
        """docxtpl's resolve_listing, run only on the paragraphs it would change.

        It rewrites tabs, new lines, \\a and \\f inside ``<w:t>`` elements only; a paragraph
        without such a text element comes out of it unchanged, so skipping it gives the same XML.
        """
        # Text was cleaned of \a and \f on load; the body holds no other new line or tab.
        if "\n" not in body and "\t" not in body:
            return body
        listing = self._listing
        return _PARA.sub(lambda m: listing(m.group(0)) if _LISTING.search(m.group(0)) else m.group(0), body)

    def render(self, context: dict) -> bytes:
        data = self.render_xml(context).encode("utf-8")
        check_xml(data, self.name)
        parts = dict(self.parts)
        parts["word/document.xml"] = data
        return write_parts(parts, self._entries)


# docxtpl's way to write a literal «{{» in a template is «{_{»; it turns them back after filling,
# in the user's text too («{_{ a }_}» typed in a field came out «{{ a }}»). Here they become Jinja
# string literals in the template itself, so the filled values are never touched.
_LITERALS = {"{_{": '{{ "{{" }}', "}_}": '{{ "}}" }}', "{_%": '{{ "{%" }}', "%_}": '{{ "%}" }}'}


def _literal_tags(source: str) -> str:
    return re.sub(r"\{_\{|\}_\}|\{_%|%_\}", lambda m: _LITERALS[m.group(0)], source)


def _template_line(exc: BaseException) -> int | None:
    """Where a Jinja error happened while filling: Jinja maps its frames to template lines."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def check_xml(data: bytes, template: str) -> None:
    """A strict parse (never recovering), so a broken fill can never give a truncated file."""
    try:
        expat.ParserCreate().Parse(data, True)
    except expat.ExpatError as exc:
        raise RenderError([Problem(
            f"văn bản điền xong không hợp lệ ({expat.ErrorString(exc.code)}, dòng {exc.lineno}, "
            f"cột {exc.offset}); không ghi tệp nào. Hãy kiểm tra mẫu", f"templates/{template}")]) from None


def _split_last_section(body: str) -> tuple[str, str]:
    """The body's blocks, and its own (last) sectPr, which holds no template tag."""
    start = body.rindex("<w:sectPr")
    return body[:start], body[start:]


def last_orientation(context: dict) -> nd30.Orientation:
    """How the page of the last part a file shows is laid (nd30.PARTS)."""
    show = context["show"]
    last = "appendix" if show["appendices"] else "plan" if show["plan"] else "decision"
    return nd30.PARTS[last].orientation


@cache
def prepared(name: str) -> PreparedTemplate:
    return PreparedTemplate(template_path(name))


def template_for(context: dict) -> str:
    if context.get("kind") == "bao-cao":
        return "baocao"
    return "quyetdinh" if context["show"]["decision"] else "kehoach"


def render_context(context: dict) -> bytes:
    return prepared(template_for(context)).render(context)


def render_draft(draft: Draft, parts=("decision", "plan", "appendices")) -> bytes:
    return render_context(build_context(draft, parts))


def split_outputs(draft: Draft) -> list[tuple[str, bytes]]:
    """One file per document: decision, plan, each appendix."""
    out = []
    if draft.kind == "quyet-dinh":
        out.append(("quyet-dinh.docx", render_draft(draft, ("decision",))))
    out.append(("bao-cao.docx" if draft.kind == "bao-cao" else "ke-hoach.docx", render_draft(draft, ("plan",))))
    if draft.appendices:
        out.append(("phu-luc.docx", render_draft(draft, ("appendices",))))
    return out


def render_plain(context: dict) -> bytes:
    """The plain docxtpl way (a new DocxTemplate per document), for comparison and benchmarks."""
    tpl = DocxTemplate(template_path(template_for(context)))
    tpl.init_docx()
    last, orientation = tpl.docx.sections[-1], last_orientation(context)
    last.orientation = WD_ORIENT.LANDSCAPE if orientation is nd30.Orientation.LANDSCAPE else WD_ORIENT.PORTRAIT
    last.page_width, last.page_height = (Twips(t) for t in page_size(orientation))
    tpl.render(context, autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()
