"""The editing session: a draft's YAML, its validation, saving, autosave and recovery.

No Textual here: the app drives a :class:`Session`, tests can drive it directly. The
draft lives in the ruamel ``CommentedMap`` that was read from disk, so saving keeps
the user's comments and key order. Edits go through ``Session.edits`` (``drafter.edits``),
and each is followed by the same validation the CLI runs (``drafter.loader.validate``).

Validation is cheap (a few ms) and runs at once; the content rules (``drafter.checks``, up to
~100 ms on a long plan) do not: an edit only marks them pending, and the editor runs them once
typing pauses (:meth:`Session.pending_checks` in a worker, :meth:`Session.apply_checks`), or at
once where a result must be current (:meth:`Session.check`: export, tests).
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from drafter import yamlio
from drafter.settings import data_dir
from drafter.atomic import write_text
from drafter.checks import check_draft
from drafter.edits import DraftEdits, as_list
from drafter.errors import DraftError, DrafterError, Problem, Severity
from drafter.fieldpath import FieldPath
from drafter.loader import Loaded, load_draft, save_draft, validate
from drafter.yamlio import get_in

RECENT_MAX = 10

# ---------------------------------------------------------------------------- store


class Store:
    """Recent drafts and recovery files kept in the user's data folder."""

    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root else data_dir()

    @property
    def recovery_dir(self) -> Path:
        return self.root / "recovery"

    # recent drafts
    def recent(self) -> list[Path]:
        try:
            items = json.loads((self.root / "recent.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [Path(p) for p in items if isinstance(p, str)]

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        items = [p for p in self.recent() if p != path]
        items.insert(0, path)
        try:
            write_text(self.root / "recent.json",
                       json.dumps([str(p) for p in items[:RECENT_MAX]], ensure_ascii=False, indent=1),
                       force=True)
        except OSError:
            pass

    # recovery
    def clean_temps(self, older_than: float = 60.0) -> int:
        """Remove the half-written ``.…tmp`` files an autosave killed mid-write left behind.

        Only files older than ``older_than`` seconds: another drafter may be writing one now.
        """
        removed = 0
        if not self.recovery_dir.is_dir():
            return removed
        now = time.time()
        for tmp in self.recovery_dir.glob(".*.tmp"):
            try:
                if now - tmp.stat().st_mtime >= older_than:
                    tmp.unlink()
                    removed += 1
            except OSError:
                pass
        return removed

    def recoveries(self) -> list["Recovery"]:
        out = []
        if not self.recovery_dir.is_dir():
            return out
        for meta in sorted(self.recovery_dir.glob("*.json")):
            yaml_path = meta.with_suffix(".yaml")
            try:
                info = json.loads(meta.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if yaml_path.exists():
                out.append(Recovery(yaml_path, meta, Path(info["path"]) if info.get("path") else None,
                                    float(info.get("time", 0)), info.get("title", "")))
        out.sort(key=lambda r: r.time, reverse=True)
        return out


@dataclass
class Recovery:
    """An autosaved copy of a draft whose changes were never saved."""

    file: Path
    meta: Path
    path: Path | None  # the draft it belongs to (None: a new draft never saved)
    time: float
    title: str

    def describe(self) -> str:
        when = time.strftime("%H:%M %d/%m/%Y", time.localtime(self.time))
        where = str(self.path) if self.path else "bản thảo mới chưa lưu"
        return f"{self.title or 'Bản thảo'} — {where} (tự lưu lúc {when})"

    def discard(self) -> None:
        for p in (self.file, self.meta):
            try:
                p.unlink()
            except FileNotFoundError:
                pass


# ---------------------------------------------------------------------------- steps

STEPS = [
    ("general", "Thông tin chung"),
    ("bases", "Căn cứ"),
    ("purposes", "Mục đích, yêu cầu"),
    ("tasks", "Nhiệm vụ"),
    ("assign", "Phân công"),
    ("budget", "Kinh phí"),
    ("implementation", "Tổ chức thực hiện"),
    ("recipients", "Nơi nhận, người ký"),
    ("review", "Kiểm tra, xuất bản"),
]
STEP_TITLES = dict(STEPS)


ASSIGN_KEYS = {"lead", "support", "deadline", "output", "appendix"}


# ---------------------------------------------------------------------------- session


class Session:
    """One draft being edited."""

    AUTOSAVE_SECONDS = 1.5  # a crash loses at most this much typing (the issue asks for 2 s at most)

    def __init__(self, data, path: Path | None = None, store: Store | None = None, *, dirty: bool = False,
                 loaded: Loaded | None = None):
        self.data = data if data is not None else CommentedMap()
        self.path = Path(path) if path else None
        self.store = store or Store()
        self.dirty = dirty
        self._recovery_stale = dirty
        self.loaded: Loaded | None = None
        self.invalid: list[Problem] = []  # what validation found in the text as it is now
        self.warnings: list[Problem] = []  # what the content rules found when they last ran
        self.generation = 0  # counts validations: a content-rule result for an older one is dropped
        self._checked = -1  # the generation the content rules last ran on
        self._key = self._recovery_key()
        self.edits = DraftEdits(self.data, on_change=self.touch)
        if loaded is not None and loaded.data is self.data:  # just validated by load_draft: not again
            self.loaded = loaded
            self.generation = 1
        else:
            self.revalidate(checks=False)

    # -- creation
    @classmethod
    def open(cls, path, store: Store | None = None) -> "Session":
        path = Path(path)
        loaded = None
        try:
            loaded = load_draft(path)
            data = loaded.data
        except DraftError as exc:
            # An invalid draft still opens (its problems show); only unreadable YAML does not.
            data, _ = yamlio.read(path)
            if not isinstance(data, dict):
                raise exc
        session = cls(data, path, store, loaded=loaded)
        session.store.add_recent(path)
        return session

    @classmethod
    def recover(cls, recovery: Recovery, store: Store | None = None) -> "Session":
        data, _ = yamlio.read(recovery.file)
        session = cls(data, recovery.path, store, dirty=True)
        session._key = recovery.file.stem
        return session

    @classmethod
    def from_preset(cls, spec, commune: dict, path: Path | None, store: Store | None = None,
                    overrides: dict | None = None) -> "Session":
        """A new draft derived from a preset by the library (drafter.derive)."""
        from drafter.draftfile import draft_document as derive_draft
        from drafter.model import Commune
        from drafter.presets import load_preset

        preset = load_preset(spec)
        data = derive_draft(preset, Commune(**commune), overrides=overrides)
        session = cls(data, path, store, dirty=True)
        session.preset_review = list(preset.spec.review)  # the preset's guesses, said once when the draft is made
        session.write_recovery()
        return session

    def _recovery_key(self) -> str:
        if self.path:
            return hashlib.sha1(str(self.path.resolve()).encode("utf-8")).hexdigest()[:16]
        return f"moi-{int(time.time() * 1000)}-{os.getpid()}"

    # -- reading and editing
    @property
    def draft(self):
        return self.loaded.draft if self.loaded else None

    @property
    def title(self) -> str:
        return str(self.data.get("subject") or "") if isinstance(self.data, dict) else ""

    def get(self, path: FieldPath, default=None):
        return get_in(self.data, path, default)

    def set(self, path: FieldPath, value, *, drop_empty: bool = False) -> bool:
        """Set a value through the editing layer (which validates again); True when it changed."""
        return self.edits.set(path, value, drop_empty=drop_empty)

    def step_of(self, field: FieldPath | None) -> str:
        """The step whose form edits ``field`` (where a problem list jumps to)."""
        path = field or FieldPath()
        if not path:
            return "general"
        head = path[0]
        if head == "bases" or path[:2] == ("decision", "bases"):
            return "bases"
        if head in ("recipients", "archive", "signer") or (head == "decision" and len(path) > 1
                                                           and path[1] in ("recipients", "archive", "signer")):
            return "recipients"
        if head == "units":
            return "implementation" if "duties" in path else "assign"
        if head in ("appendices",):
            return "assign"
        if head == "derive_duties":
            return "implementation"
        if head == "sections":
            if "tasks" in path and any(k in ASSIGN_KEYS for k in path[path.index("tasks"):]):
                return "assign"
            if len(path) > 1 and isinstance(path[1], int):
                return self.edits.kind_of(self.get(path[:2]))
            return "tasks"
        return "general"

    def touch(self) -> None:
        """Call after any change to ``data``: marks it unsaved and validates again (the content
        rules are left pending: the editor runs them when typing pauses)."""
        self.dirty = True
        self._recovery_stale = True
        self.revalidate(checks=False)

    def revalidate(self, *, checks: bool = True) -> list[Problem]:
        """Validate the text as it is now; with ``checks`` the content rules run too, here."""
        name = str(self.path) if self.path else None
        self.generation += 1
        try:
            self.loaded = validate(self.data, name)
            self.invalid = []
        except DraftError as exc:
            self.invalid = list(exc.problems)
        except DrafterError as exc:  # a broken library file: still shown, never a crash
            self.invalid = list(exc.problems)
        if checks:
            self.check()
        return self.problems

    @property
    def problems(self) -> list[Problem]:
        """What the user sees: validation's problems, else the content rules' last findings
        (:attr:`checks_pending` says whether these are for the text as it is now)."""
        return self.invalid or self.warnings

    @property
    def checks_pending(self) -> bool:
        """The text changed since the content rules last ran on it."""
        return self._checked != self.generation and not self.invalid

    def pending_checks(self) -> tuple[int, object] | None:
        """(generation, draft) for the content rules to run on (in a worker: the draft is a
        validated copy, never the YAML being edited); None when nothing is pending."""
        if not self.checks_pending or self.loaded is None:
            return None
        return self.generation, self.loaded.draft

    def apply_checks(self, generation: int, warnings: list[Problem]) -> bool:
        """Take the content rules' findings for ``generation``; False when the text changed since."""
        if generation != self.generation:
            return False
        self.warnings = list(warnings)
        self._checked = generation
        return True

    def check(self) -> list[Problem]:
        """Run the content rules now if the text changed since they last ran (export, tests)."""
        job = self.pending_checks()
        if job is not None:
            self.apply_checks(job[0], run_checks(job[1]))
        return self.problems

    def unknown_key(self, problem: Problem) -> tuple[FieldPath, str | None] | None:
        """(path, the known field it most resembles) when ``problem`` is a key the model does not know."""
        import difflib

        from drafter.errors import UNKNOWN_FIELD
        from drafter.fieldpath import FIELD_NAMES

        field = problem.field
        if problem.message != UNKNOWN_FIELD or not field or not isinstance(field[-1], str):
            return None
        parent = self.get(field.parent) if len(field) > 1 else self.data
        if not isinstance(parent, dict) or field[-1] not in parent:
            return None
        known = sorted({k for k in FIELD_NAMES if isinstance(k, str)} - set(parent))
        close = difflib.get_close_matches(str(field[-1]), known, n=1, cutoff=0.6)
        return field, close[0] if close else None

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop the export (the rest are content warnings)."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    def problems_by_step(self) -> dict[str, list[Problem]]:
        out: dict[str, list[Problem]] = {}
        for p in self.problems:
            out.setdefault(self.step_of(p.field), []).append(p)
        return out

    def step_status(self) -> dict[str, str]:
        """"problem", "done" or "todo" for each step (review: done when nothing is wrong)."""
        by_step = self.problems_by_step()
        d = self.data
        kinds = self.edits.kinds()
        tasks = [t for _, t in self.edits.tasks()]
        signer = d.get("signer") or {}
        done = {
            "general": bool(d.get("subject")) and bool(get_in(d, ("commune", "name"))) and bool(d.get("date")),
            "bases": bool(d.get("bases")),
            "purposes": "purposes" in kinds,
            "tasks": bool(tasks),
            "assign": bool(tasks) and all(as_list(t.get("lead")) for t in tasks),
            "budget": "budget" in kinds,
            "implementation": "implementation" in kinds,
            "recipients": bool(d.get("recipients")) and bool(signer.get("name")),
            "review": not self.problems,
        }
        out = {}
        for key, _ in STEPS:
            if key == "review":
                out[key] = "problem" if self.problems else "done"
            elif by_step.get(key):
                out[key] = "problem"
            else:
                out[key] = "done" if done[key] else "todo"
        return out

    # -- saving
    def save(self, path: Path | None = None) -> Path:
        target = Path(path or self.path) if (path or self.path) else None
        if target is None:
            raise DraftError([Problem("bản thảo chưa có tên tệp; hãy chọn nơi lưu")])
        old_key = self._key
        save_draft(Loaded(self.draft, self.data, target), target)
        from drafter.schema import write_beside
        write_beside(target)  # the draft's schema line points at it
        if self.path != target or not self.path:
            self.path = target
            self._key = self._recovery_key()
        self.dirty = False
        self._recovery_stale = False
        self._discard_key(old_key)
        self._discard_key(self._key)
        self.store.add_recent(target)
        self.revalidate(checks=False)  # problems now name the saved file; the rules run when the editor asks
        return target

    # -- recovery
    def _recovery_files(self, key: str) -> tuple[Path, Path]:
        base = self.store.recovery_dir / key
        return base.with_suffix(".yaml"), base.with_suffix(".json")

    def write_recovery(self, *, force: bool = False) -> Path | None:
        """Autosave: the YAML as it is now, beside a note of which draft it belongs to."""
        if not (self.dirty and (self._recovery_stale or force)):
            return None
        yaml_path, meta_path = self._recovery_files(self._key)
        write_text(yaml_path, yamlio.dump(self.data), force=True)
        meta = {"path": str(self.path.resolve()) if self.path else None, "time": time.time(),
                "title": self.title}
        write_text(meta_path, json.dumps(meta, ensure_ascii=False), force=True)
        self._recovery_stale = False
        return yaml_path

    def _discard_key(self, key: str) -> None:
        for p in self._recovery_files(key):
            try:
                p.unlink()
            except FileNotFoundError:
                pass

    def discard_recovery(self) -> None:
        self._discard_key(self._key)

    # -- output
    def default_output(self) -> Path:
        """Beside the draft file, with its name (``drafter.publish.default_output``)."""
        from drafter.publish import default_output

        return default_output(self.path, self.title)

    def plan_export(self, output: Path | None = None, *, pdf: bool = False):
        """The files «drafter render» makes from this draft, rendered and named, not yet written."""
        from drafter.publish import plan

        self.check()  # the findings a user reads before exporting are for the text as it is now
        if self.errors or self.draft is None:
            raise DraftError(self.errors or [Problem("bản thảo chưa hợp lệ")])
        return plan(self.draft, output, source=self.path, pdf=pdf)


def run_checks(draft) -> list[Problem]:
    """The content rules on a validated draft (any thread: it reads the draft, not the YAML)."""
    try:
        return check_draft(draft)  # warnings: the draft still exports
    except DrafterError as exc:  # a broken library or settings file: still shown, never a crash
        return list(exc.problems)


def preset_choices() -> list[tuple[str, object]]:
    """(label, name) of the presets drafter.presets.list_presets() finds (unreadable ones left out)."""
    try:
        from drafter.presets import list_presets
    except ImportError:
        return []
    out = []
    for info in list_presets():
        if getattr(info, "error", None):
            continue
        label = info.title or info.name
        out.append((f"{label} [{info.name}]", info.name))
    return out


def unreadable_presets() -> list[str]:
    """«name: why» for each preset file list_presets() found but could not read, to show, not hide."""
    from drafter.presets import list_presets

    return [f"{info.name}: {info.error}" for info in list_presets() if getattr(info, "error", None)]
