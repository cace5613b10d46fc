"""Mutation check: put one realistic bug at a time into the modules that decide what a signed
document says, run the tests that cover them, and count the bugs the tests catch.

    python tools/mutation.py                 # the full check (about 200 mutants), one line at the end:
                                             #   mutation score: KILLED/TOTAL
    python tools/mutation.py --list          # the mutants, without running anything
    python tools/mutation.py --module outline --limit 20 -j 1

Mutants are single-point changes of the source's syntax tree (no file is written to the
project): a comparison turned around (``==``/``!=``, ``<``/``<=``, ``in``/``not in``), ``and``/
``or`` swapped, a ``not`` dropped, a number off by one, a string emptied, a call such as
``upper_vi(x)``, ``strip()`` or ``rstrip(".")`` dropped, a statement that adds to a result
(``append``, ``extend``, ``+=``) removed, an ``if`` negated. Docstrings and the text of raised
errors are left alone: they decide no document.

Each mutant runs in a forked child of a process that has already imported the test
libraries; the child puts an import hook before every other one, so the mutated module is
what the tests import. A mutant is killed when a test fails or the child exceeds the time
limit (an endless loop); it survives when the whole selection passes. Mutants are picked
deterministically (fixed seed), so two runs list the same mutants. POSIX only (os.fork).
"""
from __future__ import annotations

import argparse
import ast
import copy
import importlib.abc
import importlib.util
import io
import os
import random
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BEHAVIOUR = ["tests/test_behaviour_body.py", "tests/test_behaviour_units.py",
             "tests/test_behaviour_documents.py", "tests/test_behaviour_derive.py",
             "tests/test_behaviour_assignment.py", "tests/test_behaviour_constructs.py"]
PROPERTIES = ["tests/test_behaviour_properties.py"]

# module → (share of the mutants, test stages). The stages run one after the other, each only
# while the mutant survives: most mutants die in the small first stage.
MODULES: dict[str, tuple[int, list[list[str]]]] = {
    "drafter.outline": (30, [BEHAVIOUR, PROPERTIES + ["tests/test_examples.py", "tests/test_preview.py"]]),
    "drafter.duties": (20, [BEHAVIOUR, PROPERTIES + ["tests/test_assignment_rules.py", "tests/test_examples.py"]]),
    "drafter.citations": (10, [BEHAVIOUR, PROPERTIES + ["tests/test_examples.py", "tests/test_preview.py"]]),
    "drafter.context": (55, [BEHAVIOUR, PROPERTIES + ["tests/test_examples.py", "tests/test_layout.py"]]),
    "drafter.derive": (45, [BEHAVIOUR, PROPERTIES + ["tests/test_presets.py", "tests/test_examples.py"]]),
    "drafter.fragments": (20, [BEHAVIOUR, ["tests/test_layout.py", "tests/test_pinned_output.py"]]),
    "drafter.rules.recipients": (20, [
        ["tests/test_behaviour_checks.py"],
        ["tests/test_rules.py::test_each_rule_triggers_on_its_example_and_passes_the_other",
         "-k", "RECIPIENTS or SIGNER"]]),
}
SEED = 20261207
SAFE_TO_PRELOAD = ["drafter.model", "drafter.loader", "drafter.presets", "drafter.library", "drafter.yamlio",
                   "drafter.nd30", "drafter.wml", "drafter.geometry"]
MESSAGES = {"Hit", "Problem", "DraftError"}
CLAUSES = {"decree"}
QUIET_KEYWORDS = {"repr", "compare", "maxsize"}  # dataclass and cache options: no effect on any text
DROPPED_CALLS = {"upper_vi", "lower_first", "upper_first", "strip", "rstrip", "lstrip", "removeprefix",
                 "upper", "lower", "sorted", "reversed", "fill", "clean"}


# ----------------------------------------------------------------------------- mutants

@dataclass(frozen=True)
class Mutant:
    module: str
    index: int  # the index-th mutation point of the module, in tree order
    line: int
    what: str

    @property
    def name(self) -> str:
        return f"{self.module.removeprefix('drafter.')}:{self.line} {self.what}"


_CMP_SWAP = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE,
             ast.GtE: ast.Gt, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
_BIN_SWAP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult, ast.Div: ast.Mult}


def _docstring_ids(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                out.add(id(first.value))
    return out


def _silent_ids(tree: ast.AST) -> set[int]:
    """Nodes never mutated: docstrings, error messages, annotations, ``__all__``."""
    out = _docstring_ids(tree)
    for node in ast.walk(tree):
        skip = []
        if isinstance(node, (ast.Raise, ast.Import, ast.ImportFrom)):
            skip.append(node)
        if isinstance(node, (ast.AnnAssign, ast.arg)) and node.annotation is not None:
            skip.append(node.annotation)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
            skip.append(node.returns)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            skip += node.decorator_list  # caches, a rule's metadata and examples
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__"
                                                for t in node.targets):
            skip.append(node)
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name in CLAUSES:
                skip += node.args  # where in the decree a rule comes from: metadata
            if name in MESSAGES:
                skip += node.args[:2]  # a finding's message and hint: words for the user, not the document
            skip += [k.value for k in node.keywords if k.arg in QUIET_KEYWORDS]
        for s in skip:
            out.update(id(n) for n in ast.walk(s))
    return out


class _Mutator(ast.NodeTransformer):
    """Counts mutation points in tree order; applies the ``target``-th one (or none when -1)."""

    def __init__(self, tree: ast.AST, target: int = -1):
        self.silent = _silent_ids(tree)
        self.target = target
        self.count = 0
        self.points: list[tuple[int, str]] = []

    def _point(self, node: ast.AST, what: str) -> bool:
        """Records a point; True when it is the one to apply."""
        hit = self.count == self.target
        self.count += 1
        self.points.append((getattr(node, "lineno", 0), what))
        return hit

    def generic_visit(self, node):
        if id(node) in self.silent:
            return node
        return super().generic_visit(node)

    def visit_Compare(self, node):
        self.generic_visit(node)
        for i, op in enumerate(node.ops):
            new = _CMP_SWAP.get(type(op))
            if new and self._point(node, f"{type(op).__name__} → {new.__name__}"):
                node.ops[i] = new()
        return node

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        if self._point(node, f"{type(node.op).__name__} → {new.__name__}"):
            node.op = new()
        return node

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Not) and self._point(node, "not dropped"):
            return node.operand
        return node

    def visit_BinOp(self, node):
        self.generic_visit(node)
        new = _BIN_SWAP.get(type(node.op))
        both_str = all(isinstance(x, ast.Constant) and isinstance(x.value, str) for x in (node.left, node.right))
        if new and not both_str and not isinstance(node.left, ast.JoinedStr) \
                and self._point(node, f"{type(node.op).__name__} → {new.__name__}"):
            node.op = new()
        return node

    def visit_Constant(self, node):
        if id(node) in self.silent:
            return node
        v = node.value
        if isinstance(v, bool):
            if self._point(node, f"{v} → {not v}"):
                return ast.copy_location(ast.Constant(not v), node)
        elif isinstance(v, int) and not isinstance(v, bool):
            if self._point(node, f"{v} → {v + 1}"):
                return ast.copy_location(ast.Constant(v + 1), node)
        elif isinstance(v, float):
            if self._point(node, f"{v} → {v * 1.5}"):
                return ast.copy_location(ast.Constant(v * 1.5), node)
        elif isinstance(v, str):
            new = "" if v else "X"
            if self._point(node, f"{v[:30]!r} → {new!r}"):
                return ast.copy_location(ast.Constant(new), node)
        return node

    def visit_JoinedStr(self, node):
        # an f-string's literal parts are mutated like strings; its fields as expressions
        if id(node) in self.silent:
            return node
        for i, part in enumerate(node.values):
            if isinstance(part, ast.Constant) and part.value.strip():
                if self._point(node, f"f-string {part.value[:30]!r} → ''"):
                    node.values[i] = ast.Constant("")
            elif isinstance(part, ast.FormattedValue):
                node.values[i] = self.visit(part)
        return node

    def visit_Call(self, node):
        self.generic_visit(node)
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
        if name in DROPPED_CALLS:
            subject = f.value if isinstance(f, ast.Attribute) else (node.args[0] if node.args else None)
            if subject is not None and self._point(node, f"{name}() dropped"):
                return subject
        return node

    def _drop(self, node, what):
        if self._point(node, what):
            return ast.copy_location(ast.Pass(), node)
        return node

    def visit_Expr(self, node):
        self.generic_visit(node)
        call = node.value
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                and call.func.attr in ("append", "extend", "insert", "update", "add"):
            return self._drop(node, f".{call.func.attr}() removed")
        return node

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        return self._drop(node, f"{type(node.op).__name__}= removed")

    def visit_If(self, node):
        self.generic_visit(node)
        if self._point(node, "if negated"):
            node.test = ast.UnaryOp(ast.Not(), node.test)
        return node


def module_path(module: str) -> Path:
    return ROOT / (module.replace(".", "/") + ".py")


def points(module: str) -> list[Mutant]:
    tree = ast.parse(module_path(module).read_text(encoding="utf-8"))
    m = _Mutator(tree)
    m.visit(tree)
    return [Mutant(module, i, line, what) for i, (line, what) in enumerate(m.points)]


def mutated_source(mutant: Mutant) -> str:
    tree = ast.parse(module_path(mutant.module).read_text(encoding="utf-8"))
    m = _Mutator(tree, mutant.index)
    tree = ast.fix_missing_locations(m.visit(tree))
    return ast.unparse(tree)


def choose(modules: dict[str, tuple[int, list[str]]], scale: float = 1.0) -> list[Mutant]:
    """A fixed sample of each module's mutants, spread over the file (same list every run)."""
    out = []
    for module, (share, _) in modules.items():
        every = points(module)
        n = min(len(every), max(1, round(share * scale)))
        out += sorted(random.Random(f"{SEED}:{module}").sample(every, n), key=lambda m: m.index)
    return out


# ----------------------------------------------------------------------------- running

class _MutantFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the mutated source for one module name; every other import is left alone."""

    def __init__(self, module: str, source: str):
        self.module, self.source = module, source

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.module:
            return None
        return importlib.util.spec_from_file_location(fullname, module_path(fullname), loader=self)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        exec(compile(self.source, str(module_path(self.module)), "exec"), module.__dict__)


def _preload() -> None:
    """Import the heavy libraries once, before forking (never a drafter module)."""
    import pytest  # noqa: F401
    for name in ("pydantic", "docxtpl", "docx", "lxml.etree", "ruamel.yaml", "yaml", "jinja2", "hypothesis",
                 "click", "openpyxl", "platformdirs", "textual.app", "openxml_audit.helpers", "syrupy",
                 "hypothesis.strategies", "pdfminer.high_level", "pdfplumber"):
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    # drafter's own leaves, which import no mutated module: loaded once, not in every child
    for name in SAFE_TO_PRELOAD:
        importlib.import_module(name)
    from drafter.library import citation_library

    citation_library()
    loaded = [m for m in MODULES if m in sys.modules]
    if loaded:  # a leaf now imports a mutated module: load nothing of drafter before forking
        for name in [m for m in sys.modules if m == "drafter" or m.startswith("drafter.")]:
            del sys.modules[name]


def _run_child(module: str, source: str | None, tests: list[str]) -> None:
    os.chdir(ROOT)
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    if source is not None:
        sys.meta_path.insert(0, _MutantFinder(module, source))
    from hypothesis import settings

    # the same examples for every mutant, and nothing written to .hypothesis
    settings.register_profile("mutation", derandomize=True, database=None)
    settings.load_profile("mutation")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    import pytest

    code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "-W", "ignore",
                        "--no-header", "-o", "addopts=", *tests])
    os._exit(int(code))


def _stage(module: str, source: str | None, tests: list[str], timeout: float) -> str:
    pid = os.fork()
    if pid == 0:
        try:
            _run_child(module, source, tests)
        finally:
            os._exit(99)
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "timeout"
        time.sleep(0.05)
    return "survived" if os.waitstatus_to_exitcode(status) == 0 else "killed"


def run(module: str, source: str | None, stages: list[list[str]], timeouts: list[float]) -> str:
    """"killed", "survived" or "timeout" for one mutant (``source`` None: the unmutated code)."""
    for tests, timeout in zip(stages, timeouts):
        result = _stage(module, source, tests, timeout)
        if result != "survived":
            return result
    return "survived"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--module", action="append", help="only these modules (outline, context, ...)")
    ap.add_argument("--limit", type=int, help="at most this many mutants per module")
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies each module's share")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--only", action="append", metavar="MODULE:INDEX",
                    help="run only these mutants (as --list and the survivors name them)")
    ap.add_argument("--list", action="store_true", help="list the mutants and stop")
    ap.add_argument("--show", help="print the mutated source line of MODULE:INDEX and stop")
    args = ap.parse_args(argv)

    modules = {m: spec for m, spec in MODULES.items()
               if not args.module or m.removeprefix("drafter.") in args.module or m in args.module}
    mutants = choose(modules, args.scale)
    if args.limit:
        by: dict[str, list[Mutant]] = {}
        for m in mutants:
            by.setdefault(m.module, []).append(m)
        mutants = [m for ms in by.values() for m in ms[:args.limit]]
    if args.only:
        wanted = [o.rsplit(":", 1) for o in args.only]
        mutants = [m for module, index in wanted for m in points(module) if m.index == int(index)]
        modules = {m: MODULES[m] for m in dict.fromkeys(x.module for x in mutants)}
    if args.list:
        for m in mutants:
            print(f"{m.module}:{m.index}  {m.name}")
        print(f"{len(mutants)} mutants")
        return 0
    if args.show:
        module, index = args.show.rsplit(":", 1)
        m = next(x for x in points(module) if x.index == int(index))
        print(m.name)
        src = mutated_source(m).splitlines()
        orig = ast.unparse(ast.parse(module_path(module).read_text(encoding="utf-8"))).splitlines()
        import difflib
        sys.stdout.writelines(difflib.unified_diff([s + "\n" for s in orig], [s + "\n" for s in src], n=2))
        return 0

    _preload()
    started = time.monotonic()
    timeouts: dict[str, list[float]] = {}
    took: dict[tuple[str, ...], float] = {}  # each stage's unmutated run, once
    for module, (_, stages) in modules.items():
        timeouts[module] = []
        for tests in stages:
            if tuple(tests) not in took:
                t0 = time.monotonic()
                if _stage(module, None, tests, 600) != "survived":
                    print(f"the tests fail without any mutant: fix them first ({' '.join(tests)})", file=sys.stderr)
                    return 2
                took[tuple(tests)] = time.monotonic() - t0
            timeouts[module].append(max(30.0, 4 * took[tuple(tests)]))
    print(f"baseline green in {time.monotonic() - started:.0f} s; {len(mutants)} mutants", flush=True)

    def one(m: Mutant) -> tuple[Mutant, str]:
        return m, run(m.module, mutated_source(m), modules[m.module][1], timeouts[m.module])

    survivors, killed = [], 0
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for i, (m, result) in enumerate(pool.map(one, mutants), 1):
            if result == "survived":
                survivors.append(m)
                print(f"  survived  {m.module}:{m.index}  {m.name}", flush=True)
            else:
                killed += 1
            if i % 25 == 0:
                print(f"  … {i}/{len(mutants)} in {time.monotonic() - started:.0f} s", flush=True)
    print(f"{len(survivors)} survived; {time.monotonic() - started:.0f} s")
    print(f"mutation score: {killed}/{len(mutants)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
