"""``drafter import``: a plan as it arrives (Word, PDF, text) → a draft (YAML)."""
from __future__ import annotations

from pathlib import Path

import click


def register_import(main: click.Group) -> None:
    @main.command("import", help="Nhập một kế hoạch có sẵn (DOCX, DOC, PDF có lớp chữ, văn bản thường) thành "
                                 "bản thảo YAML: phần đầu, căn cứ, các mục, bảng phụ lục (nhiệm vụ, "
                                 "chủ trì, phối hợp, thời hạn), nơi nhận, người ký. Đoạn không nhận ra được giữ "
                                 "nguyên thành đoạn tự do, không mất chữ nào.\n\nVí dụ: drafter import "
                                 "ke-hoach-2025.docx -o ke-hoach-2026.yaml\n\nMã thoát: 0 xong, 2 tệp không đọc "
                                 "được, không phải kế hoạch, hoặc tham số sai.")
    @click.argument("source", type=click.Path(path_type=Path))
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                  help="Tệp YAML ra (mặc định: cùng tên tệp nhập, đuôi .yaml).")
    @click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
    @click.option("-q", "--quiet", is_flag=True, help="Không in các đoạn không nhận ra.")
    def import_cmd(source: Path, output: Path | None, force: bool, quiet: bool) -> None:
        from .atomic import refuse_existing, write_text
        from .importing import import_file

        target = output or source.with_suffix(".yaml")
        if target.resolve() == source.resolve():
            from .errors import DrafterError
            raise DrafterError(f"tệp ra «{target}» trùng tệp nhập; hãy chọn tên khác bằng -o")
        refuse_existing([target], force=force)
        imported = import_file(source)
        write_text(target, imported.text, force=force)
        width = max(len(label) for label, _ in imported.summary())
        for label, value in imported.summary():
            click.echo(f"{label:<{width}}  {value}")
        warnings = imported.warnings
        if warnings and not quiet:
            click.echo(f"Cần xem lại ({len(warnings)}):", err=True)
            for w in warnings[:40]:
                click.echo(f"  - {w}", err=True)
            if len(warnings) > 40:
                click.echo(f"  ... và {len(warnings) - 40} điều khác (ghi chú trong tệp YAML).", err=True)
        click.echo(f"Đã ghi {target}")
