"""Publishing: a draft's documents, or a new draft, written to files.

The CLI, the TUI and batch all come here, so that file names, the overwrite policy
(never over an existing file unless forced) and all-or-nothing writes are decided once.
Calls return small result objects; the caller says what happened in its own way.

    published = publish(draft, Path("out.docx"), source=Path("ban-thao.yaml"), split=False)
    published.files            # (Path("out.docx"),)

Two steps when the caller must ask before overwriting (the TUI)::

    p = plan(draft, target, source=path, pdf=True)
    if p.taken(): ...ask...
    published = write(p, force=True)
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .atomic import refuse_existing, write_all, write_text
from .errors import Problem
from .model import Commune, Draft
from .text import slug

WHOLE = "ke-hoach.docx"  # the one file of a package that is not split


def documents(draft: Draft, split: bool = False) -> list[tuple[str, bytes]]:
    """The rendered files of one package: the whole document, or one file per document with
    ``split`` (quyet-dinh.docx, ke-hoach.docx, phu-luc.docx)."""
    from .render import render_draft, split_outputs

    if split:
        return split_outputs(draft)
    return [(WHOLE, render_draft(draft))]


# ---------------------------------------------------------------------------- a draft's documents

def _stem(source: Path | None, subject: str) -> str:
    return source.stem if source else slug(subject, "don-vi")[:60]


def default_output(source: Path | None = None, subject: str = "", *, split: bool = False) -> Path:
    """Beside the draft file ``source``, with its name (a folder of that name with ``split``); a
    draft never saved is named after its subject, in the current folder."""
    if source:
        return source.with_suffix("" if split else ".docx")
    base = _stem(None, subject)
    return Path.cwd() / (base if split else base + ".docx")


@dataclass(frozen=True)
class Plan:
    """A draft's documents rendered and named, nothing written yet."""

    files: tuple[tuple[Path, bytes], ...]
    pdf: bool = False

    @property
    def paths(self) -> list[Path]:
        """Every file that writing will make: the DOCX, then their PDFs if asked."""
        docx = [p for p, _ in self.files]
        return docx + ([p.with_suffix(".pdf") for p in docx] if self.pdf else [])

    def taken(self) -> list[Path]:
        """The files that already exist (the caller may ask before forcing)."""
        return [p for p in self.paths if p.exists()]


@dataclass(frozen=True)
class Published:
    """What was written."""

    files: tuple[Path, ...]
    pdfs: tuple[Path, ...] = ()
    pdf_problems: tuple[Problem, ...] = ()  # PDFs asked for but not made


def plan(draft: Draft, output: Path | None = None, *, source: Path | None = None, split: bool = False,
         pdf: bool = False) -> Plan:
    """Render and name the files: ``output`` is a file (a folder gets the draft's name inside
    it), or with ``split`` a folder; by default see :func:`default_output`."""
    target = Path(output) if output else default_output(source, draft.subject, split=split)
    if split:
        files = [(target / name, data) for name, data in documents(draft, split=True)]
    else:
        if target.is_dir():
            target = target / (_stem(source, draft.subject) + ".docx")
        files = [(target, documents(draft)[0][1])]
    return Plan(tuple(files), pdf)


def write(planned: Plan, *, force: bool = False) -> Published:
    """Write the planned files, all or nothing; refuses existing files unless ``force``; then PDFs."""
    refuse_existing(planned.paths, force=force)
    published = Published(tuple(write_all(list(planned.files), force=True)))
    return add_pdfs(published, force=True) if planned.pdf else published


def publish(draft: Draft, output: Path | None = None, *, source: Path | None = None, split: bool = False,
            force: bool = False, pdf: bool = False) -> Published:
    """Render a draft to files (``drafter render``, the TUI's export): :func:`plan` then :func:`write`."""
    return write(plan(draft, output, source=source, split=split, pdf=pdf), force=force)


def add_pdfs(published: Published, *, force: bool = False) -> Published:
    """A PDF beside every DOCX written, with one LibreOffice; what fails is in ``pdf_problems``."""
    from .pdf import INSTALL_HINT, MISSING, convert_pdfs, find_soffice

    pairs = [(p, p.with_suffix(".pdf")) for p in published.files]
    refuse_existing([pdf for _, pdf in pairs], force=force)
    if find_soffice() is None:
        return Published(published.files, (), (Problem(f"{MISSING}; {INSTALL_HINT}"),))
    errors = convert_pdfs(pairs)
    return Published(published.files, tuple(pdf for _, pdf in pairs if pdf not in errors),
                     tuple(Problem(message, str(pdf)) for pdf, message in errors.items()))


# ---------------------------------------------------------------------------- a new draft

@dataclass(frozen=True)
class NewDraft:
    """A draft file made from a preset."""

    path: Path
    draft: Draft  # exactly what ``drafter render`` will read from ``path``
    preset: str  # the preset's name


def default_draft_path(commune: Commune) -> Path:
    """«Võ Cường» → ``vo-cuong.yaml`` in the current folder."""
    return Path(f"{slug(commune.name, 'ban-thao')}.yaml")


def new_draft(preset, commune: Commune, output: Path | None = None, *, overrides: dict | None = None,
              force: bool = False) -> NewDraft:
    """Derive a commune's draft from a preset (a :class:`~drafter.presets.Preset` or a prepared
    one) and write it as a commented YAML file; the text is validated as it will be read back."""
    from . import yamlio
    from .derive import prepare
    from .draftfile import draft_document
    from .loader import validate

    prepared = prepare(preset)
    target = Path(output) if output else default_draft_path(commune)
    refuse_existing([target], force=force)  # before the work: a taken name fails at once
    text = yamlio.dump(draft_document(prepared, commune, overrides))
    loaded = validate(yamlio.parse(text, str(target)), str(target))
    write_text(target, text, force=force)
    from .schema import write_beside
    write_beside(target)  # the editor's completions and explanations (the draft's first line names it)
    return NewDraft(target, loaded.draft, prepared.name)


__all__ = ["NewDraft", "Plan", "Published", "add_pdfs", "default_draft_path", "default_output", "documents",
           "new_draft", "plan", "publish", "write"]
