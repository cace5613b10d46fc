"""``drafter track`` (the tracking workbook, and reading it back) and ``drafter report --collect``."""
from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path

import click

from .errors import DrafterError, Problem


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    from .progress import expand_paths

    return expand_paths(paths)


def _cutoff(period: str | None, as_of: str | None):
    """(cut-off day, period or None) from --period or --as-of; today when neither is given."""
    from .deadlines import PERIOD_HELP, parse_period
    from .progress import date_of

    if period and as_of:
        raise click.UsageError("chỉ dùng một trong --period và --as-of")
    if period:
        try:
            p = parse_period(period)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--period") from None
        return p.cutoff, p
    if as_of:
        try:
            day = date_of(as_of)
        except ValueError:
            day = None
        if day is None:
            raise click.BadParameter(f"«{as_of}» không phải một ngày; hãy ghi dạng 14/3/2026 "
                                     f"hoặc dùng --period với {PERIOD_HELP}", param_hint="--as-of")
        return day, None
    return _dt.date.today(), None


def _print_problems(problems: list[Problem]) -> None:
    for p in problems:
        label = "Lưu ý" if p.severity == "warning" else "Lỗi"
        click.echo(f"{label}: {p}", err=True)


@click.command(name="track", help=(
    "Lập bảng theo dõi (Excel) tiến độ thực hiện kế hoạch: mỗi nhiệm vụ một dòng, các đơn vị điền "
    "tình trạng, kết quả, minh chứng; trang «Tổng hợp» tự đếm theo lĩnh vực và đơn vị.\n\n"
    "Ví dụ: drafter track ke-hoach.yaml -o theo-doi.xlsx; mỗi đơn vị chủ trì một tệp: "
    "drafter track ke-hoach.yaml -o theo-doi/ --by-unit.\n\n"
    "Đọc lại các bảng đơn vị gửi về: drafter track ke-hoach.yaml --check theo-doi.xlsx theo-doi/ "
    "--period \"Quý I/2026\" (mã thoát 1 nếu có tệp hoặc dòng không đọc được)."))
@click.argument("plan", metavar="KẾ_HOẠCH", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("workbooks", metavar="[BẢNG_THEO_DÕI]...", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Tệp .xlsx ra (mặc định: theo-doi-<tên kế hoạch>.xlsx cạnh kế hoạch); với --by-unit: thư mục.")
@click.option("--by-unit", is_flag=True, help="Mỗi đơn vị chủ trì một tệp, chỉ gồm nhiệm vụ của đơn vị đó.")
@click.option("--check", is_flag=True,
              help="Không lập bảng: đọc các bảng đã điền (tệp hoặc thư mục sau tên kế hoạch), ghép với kế hoạch, "
                   "báo nhiệm vụ theo tình trạng, quá hạn và các dòng không ghép được.")
@click.option("--period", metavar="KỲ", help="Kỳ báo cáo khi --check, để tính quá hạn: «Quý I/2026», «6 tháng/2026», «Năm 2026».")
@click.option("--as-of", metavar="NGÀY", help="Ngày tính quá hạn khi --check (thay cho --period), ví dụ 14/3/2026.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có (kể cả bảng các đơn vị đã điền).")
def track_cmd(plan: Path, workbooks: tuple[Path, ...], output: Path | None, by_unit: bool, check: bool,
              period: str | None, as_of: str | None, force: bool) -> None:
    from .loader import load_draft

    if workbooks and not check:
        raise click.UsageError("các tệp sau tên kế hoạch chỉ dùng với --check (đọc bảng đã điền)")
    draft = load_draft(plan).draft
    if check:
        if not workbooks:
            raise click.UsageError("--check cần các bảng theo dõi đã điền, ví dụ: "
                                   "drafter track ke-hoach.yaml --check theo-doi.xlsx")
        _check(draft, _expand(workbooks), *_cutoff(period, as_of))
        return

    from .track import tracking_outputs, write_outputs

    target = output or plan.parent / (f"theo-doi-{plan.stem}" + ("" if by_unit else ".xlsx"))
    if not by_unit and target.is_dir():
        target = target / f"theo-doi-{plan.stem}.xlsx"
    if by_unit and target.suffix.lower() == ".xlsx":
        raise click.BadParameter("với --by-unit, -o là một thư mục (mỗi đơn vị một tệp trong đó)",
                                 param_hint="-o")
    outputs = tracking_outputs(draft, target, by_unit=by_unit)
    write_outputs(outputs, force=force)
    for path, _ in outputs:
        click.echo(f"Đã ghi {path}")
    click.echo("Gửi bảng cho các đơn vị điền cột tô màu; khi nhận lại: "
               f"drafter track {plan} --check <các tệp đã điền> --period \"Quý I/{draft.date.year}\"")


def _check(draft, paths: list[Path], cutoff: _dt.date, period) -> None:
    from .deadlines import short_date
    from .progress import read_progress
    from .track import NOT_REPORTED, STATUSES

    progress = read_progress(draft, paths)
    _print_problems(progress.problems)
    counts = progress.counts()
    total = len(progress.entries)
    click.echo(f"{'Tình trạng':<18}{'Số nhiệm vụ':>12}")
    for status in (*STATUSES, None):
        click.echo(f"{status or NOT_REPORTED:<18}{counts[status]:>12}")
    click.echo(f"{'Tổng':<18}{total:>12}")
    late = progress.overdue(cutoff)
    when = f"ngày {short_date(cutoff)}" + (f" (kỳ {period.label})" if period else "")
    click.echo(f"Quá hạn tính đến {when}: {len(late)} nhiệm vụ")
    for e in late:
        lead = ", ".join(e.task.lead) or "chưa có đơn vị chủ trì"
        click.echo(f"  {e.task.number}. {e.task.task.text[:90]} — {lead}; {e.task.task.deadline}; "
                   f"{e.status or NOT_REPORTED}")
    if progress.unmatched:
        click.echo(f"Không ghép được {len(progress.unmatched)} dòng (xem các lỗi ở trên).")
    if progress.errors:
        sys.exit(1)


@click.command(name="report", help=(
    "Lập báo cáo kết quả thực hiện kế hoạch cho một kỳ, từ kế hoạch và các bảng theo dõi đơn vị gửi về: "
    "một bản thảo Báo cáo (YAML) để đọc lại, sửa rồi xuất ra Word.\n\n"
    "Ví dụ: drafter report ke-hoach.yaml --progress theo-doi.xlsx --period \"Quý I/2026\" -o bao-cao-quy-1.yaml; "
    "rồi: drafter render bao-cao-quy-1.yaml -o bao-cao-quy-1.docx\n\n"
    "Tổng hợp của tỉnh (--collect): đọc bảng theo dõi của nhiều xã, phường (cùng một kế hoạch của tỉnh) và ghi "
    "một bảng Excel: xã × lĩnh vực, tỷ lệ hoàn thành, nhiệm vụ quá hạn. Ví dụ: drafter report --collect "
    "theo-doi-*.xlsx --period \"Quý I/2026\" -o tong-hop.xlsx\n\n"
    "Tệp hỏng hoặc dòng không ghép được được nêu tên; phần còn lại vẫn được dùng (mã thoát 1)."))
@click.argument("files", metavar="[KẾ_HOẠCH | BẢNG_THEO_DÕI...]", nargs=-1, type=click.Path(path_type=Path))
@click.option("--collect", is_flag=True, help="Tổng hợp các bảng theo dõi (tệp hoặc thư mục) của nhiều xã.")
@click.option("--progress", "progress_files", metavar="BẢNG", multiple=True, type=click.Path(path_type=Path),
              help="Bảng theo dõi đã điền (tệp .xlsx hoặc thư mục); lặp lại hoặc ghi nhiều tệp sau một lần.")
@click.option("--period", metavar="KỲ", help="Kỳ báo cáo: «Quý I/2026», «6 tháng/2026», «Quý III/2026», «Năm 2026»; "
                               "quá hạn tính đến ngày chốt số liệu của kỳ (14/3, 14/6, 14/9, 14/12).")
@click.option("--as-of", metavar="NGÀY", help="Với --collect: ngày tính quá hạn (thay cho --period), ví dụ 14/3/2026.")
@click.option("--to", "addressees", metavar="CƠ_QUAN", multiple=True,
              help="Gửi thẳng cơ quan cấp trên: dòng «Kính gửi:» (lặp lại cho nhiều cơ quan); mặc định cơ quan "
                   "cấp trên chỉ ở nơi nhận với «(b/c)».")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Tệp ra (hoặc thư mục): bản thảo báo cáo .yaml (mặc định: bao-cao-<kỳ>.yaml cạnh kế hoạch); "
                   "với --collect: tệp .xlsx (mặc định: tong-hop-theo-doi.xlsx).")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.pass_context
def report_cmd(ctx: click.Context, files: tuple[Path, ...], collect: bool, progress_files: tuple[Path, ...],
               period: str | None, as_of: str | None, addressees: tuple[str, ...], output: Path | None,
               force: bool) -> None:
    if collect:
        if progress_files or addressees:
            raise click.UsageError("--progress và --to dùng khi lập báo cáo của một kế hoạch, không dùng với --collect")
        _collect(files, period, as_of, output, force)
        return
    if not files:
        raise click.UsageError("cần tệp kế hoạch, ví dụ: drafter report ke-hoach.yaml --progress theo-doi.xlsx "
                               "--period \"Quý I/2026\"; hoặc --collect để tổng hợp của tỉnh")
    # The plan is the draft among the files («--progress a.xlsx b.xlsx ke-hoach.yaml» reads b.xlsx as a file too).
    plan = next((f for f in files if f.suffix.lower() in (".yaml", ".yml")), files[0])
    more = [f for f in files if f != plan]
    _plan_report(plan, [*more, *progress_files], period, as_of, list(addressees), output, force)


def _plan_report(plan: Path, books: list[Path], period: str | None, as_of: str | None, to: list[str],
                 output: Path | None, force: bool) -> None:
    from .deadlines import short_date
    from .report import report_from_files
    from .track import DONE

    if plan.is_dir() or plan.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise click.UsageError(f"«{plan}» không phải tệp kế hoạch (.yaml): tệp đầu tiên là kế hoạch cần báo cáo. "
                               "Để tổng hợp bảng theo dõi của nhiều xã, thêm --collect")
    if not books:
        raise click.UsageError("cần --progress: các bảng theo dõi đơn vị đã điền, ví dụ --progress theo-doi.xlsx")
    if as_of:
        raise click.UsageError("báo cáo theo kỳ: hãy dùng --period (ví dụ \"Quý I/2026\"), không dùng --as-of")
    if not period:
        raise click.UsageError("cần --period: kỳ báo cáo, ví dụ --period \"Quý I/2026\"")
    _, p = _cutoff(period, None)
    target, _, progress = report_from_files(plan, _expand(tuple(books)), p, output, to=to, force=force,
                                            on_problems=_print_problems)
    counts = progress.counts()
    late = len(progress.overdue(p.cutoff))
    click.echo(f"Đã ghi {target}: {len(progress.entries)} nhiệm vụ, {counts[DONE]} đã hoàn thành, "
               f"{late} quá hạn tính đến ngày {short_date(p.cutoff)}.")
    click.echo(f"Viết các đoạn gợi ý trong ngoặc vuông, rồi: drafter render {target} -o {target.with_suffix('.docx')}")
    if progress.errors:
        sys.exit(1)  # written, but some files or rows could not be read: said above


def _collect(files: tuple[Path, ...], period: str | None, as_of: str | None, output: Path | None,
             force: bool) -> None:
    from .deadlines import short_date
    from .province import collect as collect_books
    from .province import province_workbook
    from .track import write_outputs

    paths = _expand(files)
    if not paths:
        raise click.UsageError("cần ít nhất một bảng theo dõi (.xlsx) hoặc thư mục chứa chúng")
    target = output or Path("tong-hop-theo-doi.xlsx")
    if target.is_dir():
        target = target / "tong-hop-theo-doi.xlsx"
    resolved = {p.resolve() for p in paths}
    if target.resolve() in resolved:
        raise click.BadParameter("tệp ra trùng một tệp đầu vào; hãy chọn tên khác", param_hint="-o")
    cutoff, p = _cutoff(period, as_of)
    view = collect_books(paths, cutoff)
    _print_problems(view.problems)
    if not view.communes:
        raise DrafterError("không đọc được bảng theo dõi nào; không ghi tệp tổng hợp")
    write_outputs([(target, province_workbook(view, p.label if p else None))], force=force)
    click.echo(f"Đã ghi {target}: {len(view.communes)} xã, phường; số liệu tính đến ngày {short_date(cutoff)}.")
    if any(pr.severity == "error" for pr in view.problems):
        sys.exit(1)  # written, but some files or rows could not be read: said above


def register_track(group: click.Group) -> None:
    group.add_command(track_cmd)
    group.add_command(report_cmd)
