"""The ``drafter`` command: thin click commands over the library."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__, cli_vi, settings
from .errors import DrafterError, os_problem

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

cli_vi.install()  # click's own words (Usage:, Options:, errors) in Vietnamese


def fail(exc: DrafterError) -> None:
    for problem in exc.problems:
        click.echo(f"Lỗi: {problem}", err=True)
    sys.exit(exc.exit_code)


class Group(click.Group):
    """Turns every error into a Vietnamese message and an exit code, never a traceback
    (set DRAFTER_DEBUG=1 to see one)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DrafterError as exc:
            fail(exc)
        except OSError as exc:
            fail(DrafterError([os_problem(exc)]))
        except KeyboardInterrupt:
            click.echo("Đã dừng.", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - a bug: say so in one line, keep the user's files
            if settings.debug():
                raise
            click.echo(f"Lỗi không mong đợi trong drafter ({type(exc).__name__}: {exc}). Không tệp nào bị ghi "
                       "dở. Hãy báo cho người phát triển, kèm lệnh đã chạy; đặt DRAFTER_DEBUG=1 để xem chi tiết.",
                       err=True)
            sys.exit(3)


@click.group(cls=Group, context_settings=CONTEXT, invoke_without_command=True,
             help="drafter: soạn kế hoạch, quyết định ban hành kế hoạch của UBND xã, phường "
                  "đúng thể thức Nghị định 30/2020/NĐ-CP.\n\nChạy «drafter» không kèm lệnh để mở giao diện soạn thảo.")
@click.version_option(__version__, "-V", "--version", message="drafter %(version)s")
@click.pass_context
def main(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is None:
        from .tui_entry import run_tui
        run_tui(None)


@main.command(help="Xuất bản thảo ra tệp DOCX sẵn sàng trình ký.")
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Tệp DOCX ra (mặc định: cùng tên bản thảo). Với --split: thư mục.")
@click.option("--split", is_flag=True, help="Mỗi văn bản một tệp: quyết định, kế hoạch, phụ lục.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def render(draft: Path, output: Path | None, split: bool, force: bool) -> None:
    from .loader import load_draft
    from .publish import publish

    published = publish(load_draft(draft).draft, output, source=draft, split=split, force=force)
    for path in published.files:
        click.echo(f"Đã ghi {path}")


@main.command(help="In lược đồ JSON (JSON Schema) của bản thảo, để trình soạn thảo gợi ý và giải thích "
                   "từng trường khi gõ. Ví dụ: drafter schema -o ban-thao.schema.json, rồi ghi ở dòng đầu bản "
                   "thảo: # yaml-language-server: $schema=ban-thao.schema.json")
@click.option("--preset", "for_preset", is_flag=True, help="Lược đồ của tệp preset thay cho bản thảo.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Ghi lược đồ vào tệp này (ghi đè: lược đồ luôn lập lại được) thay vì in ra.")
def schema(for_preset: bool, output: Path | None) -> None:
    if for_preset:
        from .presets import preset_schema
        data = preset_schema()
    else:
        from .schema import draft_schema
        data = draft_schema()
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if output is None:
        click.echo(text)
        return
    from .atomic import write_text
    write_text(output, text + "\n", force=True)
    click.echo(f"Đã ghi {output}")


@main.command(help="Kiểm tra bản thảo: lỗi làm không xuất được (mã thoát 2) và những điều nên sửa "
                   "(người ký, chủ trì, nơi nhận, căn cứ trùng...).")
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path))
def validate(draft: Path) -> None:
    from .loader import load_draft

    from .checks import check_draft

    from .errors import Severity

    warnings = check_draft(load_draft(draft).draft)
    order = (Severity.ERROR, Severity.WARNING, Severity.HINT)
    warnings.sort(key=lambda p: order.index(p.severity))  # stable: file order within a severity
    for problem in warnings:
        # a content finding never stops export: "lỗi" here is one the reviewer would send back
        click.echo(f"{problem.severity.label.capitalize()}: {problem}", err=True)
    counts = ", ".join(f"{n} {s.label}" for s in order if (n := sum(p.severity is s for p in warnings)))
    click.echo(f"{draft}: hợp lệ" + (f"; nên sửa: {counts}." if warnings else "."))


@main.command(help="Mở giao diện soạn thảo (có thể kèm tệp bản thảo để mở ngay).")
@click.argument("draft", required=False, type=click.Path(dir_okay=False, path_type=Path))
def tui(draft: Path | None) -> None:
    from .tui_entry import run_tui

    run_tui(draft)


@main.command(name="library", help="Liệt kê thư viện căn cứ: mã và trích dẫn đầy đủ.")
def library_cmd() -> None:
    from .library import citation_library
    from .citations import cite, verb

    for key, c in citation_library().items():
        click.echo(f"{key:18} {verb(c)} {cite(c)}")


def _count(value: str | None, option: str, default: int | None) -> int | None:
    if value is None:
        return default
    if not value.strip().isdigit() or int(value) < 1:
        raise DrafterError(f"{option} cần một số nguyên dương, không phải «{value}»")
    return int(value)


class _Bars:
    """click progress bars on stderr, one per phase (rendering, PDF)."""

    def __init__(self):
        self.bar = None

    def __call__(self, label: str, total: int):
        self.close()
        self.bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True,
                                     show_eta=True, width=30)
        self.bar.__enter__()
        return self.bar.update

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@main.command(help="Soạn hàng loạt: một kế hoạch cấp trên (preset), nhiều xã, phường, đặc khu; mỗi đơn vị "
                   "một gói trong thư mục ra, kèm summary.csv.\n\nVí dụ: drafter batch --preset "
                   "bac-ninh-cchc-2026 --communes bac-ninh -o out/\n\nMã thoát: 0 tất cả thành công, "
                   "1 có đơn vị lỗi (xem summary.csv), 2 tham số sai.")
@click.option("--preset", "preset_spec", metavar="PRESET", help="Tên preset (xem «drafter presets») hoặc tệp YAML.")
@click.option("--communes", "communes_spec", metavar="DANH-SÁCH",
              help="Tệp CSV/XLSX (cột tên, loại; có thể thêm tỉnh, mã số, người ký, chức vụ, thẩm quyền ký, "
                   "số, số quyết định, ngày, địa danh, nơi nhận, đổi tên) hoặc danh sách có sẵn: ca-nuoc, "
                   "bac-ninh, an-giang, hai-phong.")
@click.option("--province", metavar="TỈNH", help="Chỉ lấy các xã, phường của tỉnh này (mặc định: danh sách cả nước).")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), help="Thư mục ra.")
@click.option("-j", "--jobs", metavar="N", help="Số tiến trình song song (mặc định: số nhân CPU).")
@click.option("--limit", metavar="N", help="Chỉ làm N đơn vị đầu danh sách (để thử).")
@click.option("--pdf", is_flag=True, help="Thêm bản PDF (một tiến trình LibreOffice cho cả lô).")
@click.option("--zip", "archive", is_flag=True, help="Gói tất cả vào một tệp tat-ca.zip trong thư mục ra.")
@click.option("--split", is_flag=True, help="Mỗi văn bản một tệp: quyết định, kế hoạch, phụ lục.")
@click.option("--force", is_flag=True, help="Ghi lại mọi tệp, kể cả tệp không đổi hoặc đã bị sửa tay.")
def batch(preset_spec, communes_spec, province, output, jobs, limit, pdf, archive, split, force) -> None:

    from .batch import CREATED, FAILED, UNCHANGED, UPDATED, PresetMaker, run_batch
    from .communes import load_communes
    from .presets import load_preset

    if not preset_spec:
        raise DrafterError("cần --preset: tên preset (xem «drafter presets») hoặc đường dẫn tệp preset")
    if output is None:
        raise DrafterError("cần -o THƯ-MỤC: nơi ghi các gói văn bản")
    workers = _count(jobs, "--jobs", os.cpu_count() or 1)
    limit_n = _count(limit, "--limit", None)
    load_preset(preset_spec)  # a bad preset is a bad argument: stop before anything is written
    clist = load_communes(communes_spec, province, limit_n)
    bars = _Bars()
    try:
        report = run_batch(clist, PresetMaker(preset_spec), output, workers=workers, force=force,
                           split=split, pdf=pdf, archive=archive, progress=bars)
    finally:
        bars.close()

    rows = [("Tạo mới", report.count(CREATED)), ("Cập nhật", report.count(UPDATED)),
            ("Không đổi", report.count(UNCHANGED)), ("Lỗi", report.count(FAILED)),
            ("Tổng", len(report.results))]
    click.echo(f"{'Kết quả':<12}{'Số gói':>8}")
    for label, n in rows:
        click.echo(f"{label:<12}{n:>8}")
    made = len(report.results) - report.count(FAILED)
    rate = f"; {made / report.seconds:.1f} gói/giây" if report.seconds and made else ""
    click.echo(f"Thời gian: {report.seconds:.1f} giây{rate}"
               + (f" (PDF: {report.pdf_seconds:.1f} giây)" if pdf else ""))
    if report.failed:
        click.echo("Lỗi theo dòng của danh sách:")
        for r in report.failed[:30]:
            click.echo(f"  dòng {r.line} «{r.name or '(không tên)'}»: {r.error}")
        if len(report.failed) > 30:
            click.echo(f"  ... và {len(report.failed) - 30} dòng khác: xem summary.csv")
    click.echo(f"Đã ghi {output / 'summary.csv'}" + (f" và {report.archive}" if report.archive else ""))
    sys.exit(report.exit_code)


from .cli_presets import new_cmd, preset_group, presets_cmd  # noqa: E402  (drafter presets, new, preset)

main.add_command(presets_cmd)
main.add_command(new_cmd)
main.add_command(preset_group)
from .cli_track import register_track; register_track(main)  # noqa: E402, E702  (drafter track, drafter report)
from .cli_check import register_check; register_check(main)  # noqa: E402, E702  (drafter check)
from .cli_import import register_import; register_import(main)  # noqa: E402, E702  (drafter import)

if __name__ == "__main__":
    main()
