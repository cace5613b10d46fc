"""The ``drafter`` command: thin click commands over the library."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .atomic import write_bytes
from .errors import DrafterError, OutputExists, Problem

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def fail(exc: DrafterError) -> None:
    for problem in exc.problems:
        click.echo(f"Lỗi: {problem}", err=True)
    sys.exit(exc.exit_code)


class Group(click.Group):
    """Turns every DrafterError into a Vietnamese message and exit code 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DrafterError as exc:
            fail(exc)
        except KeyboardInterrupt:
            click.echo("Đã dừng.", err=True)
            sys.exit(130)


@click.group(cls=Group, context_settings=CONTEXT, invoke_without_command=True,
             help="drafter: soạn kế hoạch, quyết định ban hành kế hoạch của UBND xã, phường "
                  "đúng thể thức Nghị định 30/2020/NĐ-CP.\n\nChạy «drafter» không kèm lệnh để mở giao diện soạn thảo.")
@click.version_option(__version__, "-V", "--version", message="drafter %(version)s")
@click.pass_context
def main(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is None:
        from .tui_entry import run_tui
        run_tui(None)


def _check_free(paths: list[Path], force: bool) -> None:
    taken = [p for p in paths if p.exists()]
    if taken and not force:
        raise OutputExists([Problem("tệp đã có; dùng --force để ghi đè hoặc chọn tên khác", str(p))
                            for p in taken])


@main.command(help="Xuất bản thảo ra tệp DOCX sẵn sàng trình ký.")
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Tệp DOCX ra (mặc định: cùng tên bản thảo). Với --split: thư mục.")
@click.option("--split", is_flag=True, help="Mỗi văn bản một tệp: quyết định, kế hoạch, phụ lục.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def render(draft: Path, output: Path | None, split: bool, force: bool) -> None:
    from .loader import load_draft
    from .render import render_draft, split_outputs

    loaded = load_draft(draft)
    if split:
        folder = output or draft.with_suffix("")
        outputs = [(folder / name, data) for name, data in split_outputs(loaded.draft)]
    else:
        target = output or draft.with_suffix(".docx")
        if target.is_dir():
            target = target / (draft.stem + ".docx")
        outputs = [(target, render_draft(loaded.draft))]
    # Everything is rendered before anything is written: a failure leaves no file behind.
    _check_free([p for p, _ in outputs], force)
    for path, data in outputs:
        write_bytes(path, data, force=True)
        click.echo(f"Đã ghi {path}")


@main.command(help="In lược đồ JSON (JSON Schema) của bản thảo, để trình soạn thảo kiểm tra khi gõ.")
def schema() -> None:
    from .model import Draft

    data = Draft.model_json_schema()
    data["title"] = "Bản thảo kế hoạch drafter"
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command(help="Kiểm tra bản thảo có đọc được và hợp lệ không.")
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path))
def validate(draft: Path) -> None:
    from .loader import load_draft

    load_draft(draft)
    click.echo(f"{draft}: hợp lệ.")


@main.command(name="library", help="Liệt kê thư viện căn cứ: mã và trích dẫn đầy đủ.")
def library_cmd() -> None:
    from .library import citation_library
    from .outline import cite, verb

    for key, c in citation_library().items():
        click.echo(f"{key:18} {verb(c)} {cite(c)}")


if __name__ == "__main__":
    main()
