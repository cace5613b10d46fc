"""DOCX → ReadDocument: blocks in reading order, page sections, headers and footers."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from . import errors
from .inline import FieldState, InlineReader
from .labels import typed_label
from .model import (Block, Cell, HeaderFooter, Label, Margins, Origin, PageSection, Paragraph, ReadDocument, Row,
                    Shape, Table, TextBox)
from .numbering import Numbering
from .package import OoxmlPackage
from .styles import StyleSheet, border, merge, prop_map
from .wordml import MC, W, local, ns_of, on, q, twips, wval
from .drawings import alternate_choice

MAX_DEPTH = 24  # tables in tables in text boxes...: deeper content is unusual enough to refuse


@dataclass
class _Part:
    """Reading state of one part (body, a header...): paragraph indexes, table count, fields."""

    name: str
    para_index: dict
    numbering: Numbering
    fields: FieldState = field(default_factory=FieldState)
    tables: int = 0
    text_boxes: list[TextBox] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    section_breaks: list[tuple[object, int]] = field(default_factory=list)  # (sectPr, end block)


def read_docx(data: bytes, name: str, *, kind: str = "docx") -> ReadDocument:
    pkg = OoxmlPackage(data, name)
    doc = DocxReader(pkg).read()
    doc.kind = kind
    if not doc.text.strip() and not any(hf.text.strip() for s in doc.sections
                                        for hf in (*s.headers.values(), *s.footers.values())):
        raise errors.empty(name)
    return doc


class DocxReader:
    def __init__(self, pkg: OoxmlPackage):
        self.pkg = pkg
        main = pkg.main
        styles = pkg.related(main, "styles")
        theme = pkg.related(main, "theme")
        numbering = pkg.related(main, "numbering")
        self.sheet = StyleSheet(pkg.xml(styles) if styles else None, pkg.xml(theme) if theme else None)
        self._numbering_root = pkg.xml(numbering) if numbering else None
        self.default_table_style = self.sheet.default.get("table")
        self.notes: list[str] = []

    # ------------------------------------------------------------------ document

    def read(self) -> ReadDocument:
        root = self.pkg.xml(self.pkg.main)
        body = root.find(q("body")) if root is not None else None
        if body is None:
            raise errors.corrupt(self.pkg.name, "không có thân văn bản (w:body)")
        part = self._part("body", body)
        blocks = self._blocks(body, part, None, Origin(), top=True, depth=0)
        final = body.find(q("sectPr"))
        breaks = list(part.section_breaks)
        if final is not None or not breaks or breaks[-1][1] < len(blocks):
            breaks.append((final, len(blocks)))
        sections = self._sections(breaks)
        for sec in sections:
            for b in blocks[sec.first_block:sec.end_block]:
                if isinstance(b, Paragraph) and b.column_width is None:
                    b.column_width = sec.text_width
        return ReadDocument(name=self.pkg.name, kind="docx", sections=sections, blocks=blocks,
                            text_boxes=part.text_boxes, shapes=part.shapes, notes=self.notes)

    def _part(self, name: str, root) -> _Part:
        index = {p: i for i, p in enumerate(root.iter(q("p")))}
        return _Part(name=name, para_index=index, numbering=Numbering(self._numbering_root, self.sheet))

    # ------------------------------------------------------------------ blocks

    def _blocks(self, container, part: _Part, tstyle: str | None, base: Origin, *, top: bool,
                depth: int) -> list[Block]:
        if depth > MAX_DEPTH:
            raise errors.too_big(self.pkg.name, "bảng hoặc hộp văn bản lồng nhau quá sâu")
        out: list[Block] = []
        held: Paragraph | None = None  # a paragraph whose mark was deleted (tracked): joins the next one
        for el in self._block_elements(container):
            tag = local(el.tag)
            if tag == "p":
                origin = replace(base, paragraph=part.para_index.get(el), block=len(out) if top else base.block)
                para, mark_deleted = self._paragraph(el, part, tstyle, origin, depth)
                if held is not None:
                    para = _join(held, para)
                    held = None
                if mark_deleted and el.getnext() is not None:
                    held = para
                    continue
                out.append(para)
                if top:
                    sect = el.find(f"{q('pPr')}/{q('sectPr')}")
                    if sect is not None:
                        part.section_breaks.append((sect, len(out)))
            elif tag == "tbl":
                if held is not None:
                    out.append(held)
                    held = None
                origin = replace(base, block=len(out) if top else base.block)
                out.append(self._table(el, part, origin, depth))
        if held is not None:
            out.append(held)
        return out

    def _block_elements(self, container):
        """Paragraphs and tables, looking through content controls, custom XML and tracked insertions."""
        for el in container:
            ns, tag = ns_of(el.tag), local(el.tag)
            if ns == W and tag in ("p", "tbl"):
                yield el
            elif ns == W and tag == "sdt":
                content = el.find(q("sdtContent"))
                if content is not None:
                    yield from self._block_elements(content)
            elif ns == W and tag in ("customXml", "ins", "moveTo"):
                yield from self._block_elements(el)
            elif ns == MC and tag == "AlternateContent":
                branch = alternate_choice(el)
                if branch is not None:
                    yield from self._block_elements(branch)
            elif ns == W and tag == "altChunk":
                note = "văn bản có phần nhúng từ tệp khác (altChunk) mà drafter không đọc được; hãy mở bằng Word và lưu lại"
                if note not in self.notes:
                    self.notes.append(note)

    def _paragraph(self, p, part: _Part, tstyle: str | None, origin: Origin, depth: int) -> tuple[Paragraph, bool]:
        ppr = p.find(q("pPr"))
        pstyle = wval(ppr.find(q("pStyle"))) if ppr is not None else None
        style = self.sheet.paragraph_style(pstyle)
        num_id, ilvl, from_style = self._numpr(ppr, style)
        label: Label | None = None
        level = None
        if num_id is not None:
            label = part.numbering.number(num_id, ilvl, from_style=from_style)
            level = part.numbering.level(num_id, label.numbering.level) if label is not None else None
        fmt = self.sheet.paragraph_format(prop_map(ppr, paragraph=True), pstyle, tstyle,
                                          level.ppr if level is not None else None)
        inline = InlineReader(self.sheet, part.fields).read(p, style, tstyle, origin)
        body = inline.text
        if label is not None:
            mark = prop_map(ppr.find(q("rPr")) if ppr is not None else None)
            label_fmt = self.sheet.run_format(merge(mark, prop_map(level.rpr_el)), None, style, tstyle)
            label = replace(label, format=label_fmt)
            sep = {"tab": "\t", "space": " "}.get(label.numbering.suffix, "") if label.text else ""
            text = label.text + sep + body
        else:
            text = body
            label, rest = typed_label(body)
            if label is not None:
                body = rest
        boxes, shapes = [], []
        for found in inline.found:
            if found.content is not None:
                tb_origin = replace(origin, text_box=len(part.text_boxes))
                tb = TextBox(blocks=[], frame=found.shape, origin=origin)
                part.text_boxes.append(tb)
                tb.blocks = self._blocks(found.content, part, None, tb_origin, top=False, depth=depth + 1)
                boxes.append(tb)
            else:
                shapes.append(found.shape)
                part.shapes.append(found.shape)
        mark_rpr = ppr.find(q("rPr")) if ppr is not None else None
        mark_deleted = mark_rpr is not None and mark_rpr.find(q("del")) is not None
        mark = self.sheet.run_format(prop_map(mark_rpr), None, style, tstyle)
        para = Paragraph(text=text, body=body, label=label, spans=tuple(inline.spans), format=fmt, origin=origin,
                         style_id=style, style_name=self.sheet.names.get(style or ""), fields=tuple(inline.fields),
                         text_boxes=tuple(boxes), shapes=tuple(shapes), page_break=inline.page_break, mark=mark)
        return para, mark_deleted

    def _numpr(self, ppr, style: str | None) -> tuple[str | None, int, bool]:
        direct = ppr.find(q("numPr")) if ppr is not None else None
        s_num, s_lvl = self.sheet.style_numpr(style)
        num_id, ilvl, from_style = s_num, s_lvl, True
        if direct is not None:
            d_num = wval(direct.find(q("numId")))
            d_lvl = wval(direct.find(q("ilvl")))
            if d_num is not None:
                num_id, from_style = d_num, False
            if d_lvl is not None:
                try:
                    ilvl = int(d_lvl)
                except ValueError:
                    ilvl = 0
        return num_id, ilvl or 0, from_style

    # ------------------------------------------------------------------ tables

    def _table(self, tbl, part: _Part, origin: Origin, depth: int) -> Table:
        index = part.tables
        part.tables += 1
        tpr = tbl.find(q("tblPr"))
        style = wval(tpr.find(q("tblStyle"))) if tpr is not None else None
        style = style if style in self.sheet.styles else self.default_table_style
        widths = tuple(twips(g.get(q("w"))) for g in tbl.findall(f"{q('tblGrid')}/{q('gridCol')}"))
        tprops = merge(self.sheet.style_tblpr(style) if style else {}, prop_map(tpr))
        tborders = {k.split(".", 1)[1]: border(v) for k, v in tprops.items() if k.startswith("tblBorders.")}
        base = replace(origin, table=index, paragraph=None)
        rows: list[Row] = []
        look = _table_look(tpr)
        margins = _cell_margins(tprops)
        trs = list(self._children(tbl, "tr"))
        for ri, tr in enumerate(trs):
            trpr = tr.find(q("trPr"))
            header = trpr is not None and trpr.find(q("tblHeader")) is not None and \
                on(wval(trpr.find(q("tblHeader"))))
            col = 0
            if trpr is not None and trpr.find(q("gridBefore")) is not None:
                try:
                    col = max(0, min(int(wval(trpr.find(q("gridBefore"))) or 0), 64))
                except ValueError:
                    col = 0
            cells: list[Cell] = []
            for tc in self._children(tr, "tc"):
                tcpr = tc.find(q("tcPr"))
                span = 1
                vmerge = None
                width = None
                cb = {}
                if tcpr is not None:
                    gs = tcpr.find(q("gridSpan"))
                    if gs is not None:
                        try:
                            span = max(1, min(int(wval(gs) or 1), 64))
                        except ValueError:
                            span = 1
                    vm = tcpr.find(q("vMerge"))
                    if vm is not None:
                        vmerge = wval(vm) or "continue"
                    tcw = tcpr.find(q("tcW"))
                    if tcw is not None and (tcw.get(q("type")) or "dxa") == "dxa":
                        width = twips(tcw.get(q("w")))
                    cb = {k.split(".", 1)[1]: border(v) for k, v in prop_map(tcpr).items()
                          if k.startswith("tcBorders.")}
                cell_origin = replace(base, row=ri, cell=col)
                conds = _conditions(look, ri, len(trs), col, span, len(widths))
                cell_style = (style, conds) if style and conds else style
                blocks = self._blocks(tc, part, cell_style, cell_origin, top=False, depth=depth + 1)
                if width is None and col + span <= len(widths):
                    width = sum(widths[col:col + span])
                if width is not None:
                    inner = width - margins[0] - margins[1]
                    for para in (b for b in blocks if isinstance(b, Paragraph)):
                        para.column_width = inner
                cells.append(Cell(blocks=blocks, column=col, grid_span=span, merged=vmerge == "continue",
                                  row_span=0 if vmerge == "continue" else 1, width=width,
                                  borders=tuple(cb.items()), origin=cell_origin))
                col += span
            rows.append(Row(cells=cells, header=header, origin=replace(base, row=ri)))
        table = Table(rows=rows, origin=base, style_id=style, column_widths=widths,
                      borders=tuple(tborders.items()))
        _resolve_merges(table)
        _resolve_borders(table, tborders)
        return table

    def _children(self, el, tag: str):
        """Rows of a table or cells of a row, looking through content controls and custom XML."""
        for child in el:
            name = local(child.tag)
            if name == tag:
                yield child
            elif name in ("sdt", "customXml"):
                inner = child.find(q("sdtContent")) if name == "sdt" else child
                if inner is not None:
                    yield from self._children(inner, tag)

    # ------------------------------------------------------------------ sections

    def _sections(self, breaks: list[tuple[object, int]]) -> list[PageSection]:
        out: list[PageSection] = []
        start = 0
        headers: dict[str, HeaderFooter] = {}
        footers: dict[str, HeaderFooter] = {}
        cache: dict[str, HeaderFooter] = {}
        for sect, end in breaks:
            pg = sect.find(q("pgSz")) if sect is not None else None
            mar = sect.find(q("pgMar")) if sect is not None else None
            width = twips(pg.get(q("w")), 612) if pg is not None else 612.0
            height = twips(pg.get(q("h")), 792) if pg is not None else 792.0
            orient = (pg.get(q("orient")) if pg is not None else None) or "portrait"

            def m(attr: str, default: float) -> float:
                return twips(mar.get(q(attr)), default) if mar is not None else default

            margins = Margins(top=m("top", 72), bottom=m("bottom", 72), left=m("left", 90), right=m("right", 90),
                              header=m("header", 36), footer=m("footer", 36), gutter=m("gutter", 0))
            headers = dict(headers)
            footers = dict(footers)
            for ref_tag, target in (("headerReference", headers), ("footerReference", footers)):
                for ref in (sect.findall(q(ref_tag)) if sect is not None else []):
                    kind = ref.get(q("type")) or "default"
                    rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
                    rel = self.pkg.rels(self.pkg.main).get(rid or "")
                    if rel is None or rel[2] or not self.pkg.has(rel[1]):
                        continue
                    if rel[1] not in cache:
                        cache[rel[1]] = self._header_footer(rel[1], kind)
                    target[kind] = replace(cache[rel[1]], kind=kind)
            title = sect.find(q("titlePg")) if sect is not None else None
            num = sect.find(q("pgNumType")) if sect is not None else None
            start_at = num.get(q("start")) if num is not None else None
            out.append(PageSection(
                width=width, height=height, margins=margins, orientation=orient,
                title_page=title is not None and on(wval(title)),
                headers=headers, footers=footers,
                page_number_start=int(start_at) if start_at and start_at.lstrip("-").isdigit() else None,
                page_number_format=num.get(q("fmt")) if num is not None else None,
                first_block=start, end_block=end))
            start = end
        return out

    def _header_footer(self, part_name: str, kind: str) -> HeaderFooter:
        root = self.pkg.xml(part_name)
        if root is None:
            return HeaderFooter(kind=kind, blocks=[], part=part_name)
        part = self._part(part_name, root)
        blocks = self._blocks(root, part, None, Origin(part=part_name), top=False, depth=0)
        return HeaderFooter(kind=kind, blocks=blocks, part=part_name)


def _join(first: Paragraph, second: Paragraph) -> Paragraph:
    """A paragraph whose mark was deleted runs on into the next one (tracked changes accepted)."""
    spans = first.spans + second.spans
    body = "".join(s.text for s in spans)
    if first.label is not None and first.label.auto:
        sep = first.text[len(first.label.text):len(first.text) - len(first.body)]
        text, label = first.label.text + sep + body, first.label
    else:
        text = body
        label, rest = typed_label(body)
        body = rest if label is not None else body
    return replace(first, text=text, body=body, label=label, spans=spans, fields=first.fields + second.fields,
                   text_boxes=first.text_boxes + second.text_boxes, shapes=first.shapes + second.shapes)


def _cell_margins(tprops: dict) -> tuple[float, float]:
    """Left and right cell margins of a table (w:tblCellMar), Word's 5.4 pt each when not given."""
    out = []
    for side, alias in (("left", "start"), ("right", "end")):
        attrs = tprops.get(f"tblCellMar.{side}") or tprops.get(f"tblCellMar.{alias}") or {}
        out.append(twips(attrs.get("w"), 5.4) if attrs.get("type", "dxa") == "dxa" else 5.4)
    return out[0], out[1]


_LOOK_BITS = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100}


def _table_look(tpr) -> set[str]:
    """Which of the table style's conditional formats the table turns on (w:tblLook)."""
    look = tpr.find(q("tblLook")) if tpr is not None else None
    if look is None:
        return set()
    out = {name for name in _LOOK_BITS if look.get(q(name)) is not None and on(look.get(q(name)))}
    if not any(look.get(q(name)) is not None for name in _LOOK_BITS):
        try:
            bits = int(look.get(q("val")) or "0", 16)
        except ValueError:
            bits = 0
        out = {name for name, bit in _LOOK_BITS.items() if bits & bit}
    return out


def _conditions(look: set[str], row: int, rows: int, col: int, span: int, cols: int) -> tuple[str, ...]:
    first_row, last_row = "firstRow" in look and row == 0, "lastRow" in look and row == rows - 1
    first_col, last_col = "firstColumn" in look and col == 0, "lastColumn" in look and col + span >= cols > 0
    out = [name for name, applies in (("firstCol", first_col), ("lastCol", last_col), ("firstRow", first_row),
                                      ("lastRow", last_row)) if applies]
    corners = {("firstRow", "lastCol"): "neCell", ("firstRow", "firstCol"): "nwCell",
               ("lastRow", "lastCol"): "seCell", ("lastRow", "firstCol"): "swCell"}
    out += [corner for (r, c), corner in corners.items() if r in out and c in out]
    return tuple(out)


def _resolve_merges(table: Table) -> None:
    """Give each vMerge-restart cell the number of rows it covers."""
    for i, row in enumerate(table.rows):
        for cell in row.cells:
            if cell.merged:
                continue
            span = 1
            for below in table.rows[i + 1:]:
                cont = next((c for c in below.cells if c.column == cell.column and c.merged), None)
                if cont is None:
                    break
                span += 1
            cell.row_span = span


def _resolve_borders(table: Table, tborders: dict) -> None:
    """Each cell's effective border per side: its own, else the table's outer or inside line."""
    last_row = len(table.rows) - 1
    ncols = table.columns
    for i, row in enumerate(table.rows):
        for cell in row.cells:
            own = dict(cell.borders)
            for alias, side in (("start", "left"), ("end", "right")):
                if alias in own and side not in own:
                    own[side] = own.pop(alias)
            bottom_row = i + max(cell.row_span, 1) - 1
            sides = {
                "top": "top" if i == 0 else "insideH",
                "bottom": "bottom" if bottom_row >= last_row else "insideH",
                "left": "left" if cell.column == 0 else "insideV",
                "right": "right" if cell.column + cell.grid_span >= ncols else "insideV",
            }
            eff = []
            for side, table_side in sides.items():
                b = own.get(side)
                if b is None:
                    b = tborders.get(table_side) or tborders.get({"left": "start", "right": "end"}.get(table_side, ""))
                if b is not None:
                    eff.append((side, b))
            cell.borders = tuple(eff)
