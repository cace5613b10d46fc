"""``drafter check``: drafts, Word files and folders of a batch against the rules of ``drafter.rules``."""
from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import click

from .errors import DrafterError, Problem, Severity

SUFFIXES = (".docx", ".doc", ".yaml", ".yml", ".pdf")
_ORDER = (Severity.ERROR, Severity.WARNING, Severity.HINT)


def _files(paths: tuple[Path, ...]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in (".docx", ".doc")
                          and not f.name.startswith(("~$", ".")))
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def _one(args):
    """Check one file in a worker: (report, None) or (None, the Vietnamese reason it could not be read)."""
    path, config = args
    from .rules import check_file

    try:
        return check_file(path, config), None
    except DrafterError as exc:
        return None, "; ".join(p.message for p in exc.problems)


def _print_rules(fmt: str) -> None:
    from .rules import all_rules

    rules = list(all_rules().values())
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "severity": r.severity.value, "severity_label": r.severity.label,
                                "summary": r.summary, "clause": r.clause, "scope": r.scope.value,
                                "family": r.family} for r in rules], ensure_ascii=False, indent=2))
        return
    for r in rules:
        click.echo(f"{r.id:32} {r.severity.label:9} {r.summary}")
        click.echo(f"{'':32} {'':9} ({'thực tiễn' if r.clause == 'practice' else r.clause})")
    click.echo(f"{len(rules)} quy tắc. Tắt hoặc đổi mức trong drafter.toml: [rules] MÃ = \"off\" | \"lỗi\" | "
               "\"cảnh báo\" | \"gợi ý\".")


def _line(f) -> str:
    where = f.where.describe()
    return f"  {f.severity.label}: [{f.rule}] {where + ': ' if where else ''}{f.text}"


def register_check(main: click.Group) -> None:
    @main.command("check", help="Kiểm tra bản thảo (YAML), tệp Word (DOCX, DOC) hoặc cả thư mục một lô: thể "
                                "thức Nghị định 30, số mục, căn cứ, nơi nhận, chính tả hành chính.\n\nVí dụ: "
                                "drafter check ke-hoach.docx --annotate ke-hoach.gop-y.docx\n\nMã thoát: 0 không "
                                "có lỗi, 1 có lỗi, 2 tệp không đọc được hoặc tham số sai.")
    @click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
    @click.option("--annotate", "annotate_to", type=click.Path(dir_okay=False, path_type=Path),
                  help="Ghi bản sao tệp Word, mỗi điều tìm thấy là một ghi chú (comment).")
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                  help="Dạng kết quả.")
    @click.option("--rules", "list_rules", is_flag=True, help="Liệt kê mọi quy tắc: mã, mức, nội dung, điều khoản.")
    @click.option("--config", type=click.Path(dir_okay=False, path_type=Path),
                  help="Tệp cấu hình quy tắc (mặc định: drafter.toml tìm từ thư mục của tệp trở lên).")
    @click.option("--force", is_flag=True, help="Ghi đè tệp --annotate đã có.")
    def check_cmd(paths, annotate_to, fmt, list_rules, config, force) -> None:
        from .rules import check_file, load_config

        if list_rules:
            _print_rules(fmt)
            return
        if not paths:
            raise DrafterError("cần ít nhất một tệp hoặc thư mục để kiểm tra (hoặc --rules)")
        cfg = load_config(config) if config else None
        files = _files(paths)
        if not files:
            raise DrafterError([Problem("thư mục không có tệp .docx, .doc nào", str(paths[0]))])
        if annotate_to is not None:
            if len(files) != 1 or files[0].suffix.lower() != ".docx":
                raise DrafterError("--annotate cần đúng một tệp .docx")
            if annotate_to.resolve() == files[0].resolve():
                raise DrafterError([Problem("tệp ghi chú phải khác tệp gốc; hãy chọn tên khác", str(annotate_to))])
        if len(files) == 1 and not paths[0].is_dir():
            report = check_file(files[0], cfg)  # bad input: DrafterError, exit 2
            results = [(files[0], report, None)]
        else:
            jobs = [(f, cfg) for f in files]
            workers = min(os.cpu_count() or 1, 4) if len(files) > 4 else 1
            if workers > 1:
                with ProcessPoolExecutor(workers) as pool:
                    done = list(pool.map(_one, jobs, chunksize=4))
            else:
                done = [_one(j) for j in jobs]
            results = [(f, r, e) for f, (r, e) in zip(files, done)]
        if annotate_to is not None:
            from .atomic import write_bytes
            from .rules.annotate import annotate

            data, placed = annotate(files[0].read_bytes(), results[0][1].findings)
            write_bytes(annotate_to, data, force=force)
            click.echo(f"Đã ghi {annotate_to} ({placed} ghi chú).", err=fmt == "json")
        _report(results, fmt, folder=len(results) > 1 or paths[0].is_dir())
        unreadable = any(e for _, _, e in results)
        errors = any(r is not None and r.errors for _, r, _ in results)
        sys.exit(2 if unreadable else 1 if errors else 0)


def _report(results, fmt: str, folder: bool) -> None:
    if fmt == "json":
        out = [{"file": str(f), "kind": r.kind if r else None, "error": e,
                "counts": {s.value: r.count(s) for s in _ORDER} if r else None,
                "findings": [x.as_dict() for x in r.findings] if r else []} for f, r, e in results]
        click.echo(json.dumps(out if folder else out[0], ensure_ascii=False, indent=2))
        return
    if not folder:
        f, r, _ = results[0]
        click.echo(f"{f}:")
        for x in r.findings:
            click.echo(_line(x))
        counts = ", ".join(f"{r.count(s)} {s.label}" for s in _ORDER)
        click.echo(f"{f}: {counts}." if r.findings else f"{f}: không thấy lỗi nào.")
        return
    width = max(len(str(f)) for f, _, _ in results)
    click.echo(f"{'tệp':<{width}}  {'lỗi':>5} {'cảnh báo':>9} {'gợi ý':>6}")
    for f, r, e in results:
        if r is None:
            click.echo(f"{str(f):<{width}}  không đọc được: {e}")
        else:
            click.echo(f"{str(f):<{width}}  {r.count(Severity.ERROR):>5} {r.count(Severity.WARNING):>9} "
                       f"{r.count(Severity.HINT):>6}")
    bad = [(f, r) for f, r, _ in results if r is not None and r.errors]
    for f, r in bad[:20]:
        click.echo(f"{f}:")
        for x in r.findings:
            if x.severity is Severity.ERROR:
                click.echo(_line(x))
    total = len(results)
    click.echo(f"{total} tệp; {len(bad)} tệp có lỗi; {sum(1 for _, r, _ in results if r is None)} tệp không đọc được.")
