"""``drafter import``: a plan as it arrives (Word, PDF, text) → a draft or a preset (YAML)."""
from __future__ import annotations

from pathlib import Path

import click


def register_import(main: click.Group) -> None:
    @main.command("import", help="Nhập một kế hoạch có sẵn (DOCX, DOC, PDF có lớp chữ, văn bản thường) thành "
                                 "bản thảo hoặc preset YAML: phần đầu, căn cứ, các mục, bảng phụ lục (nhiệm vụ, "
                                 "chủ trì, phối hợp, thời hạn), nơi nhận, người ký. Đoạn không nhận ra được giữ "
                                 "nguyên thành đoạn tự do, không mất chữ nào.\n\nVí dụ: drafter import "
                                 "ke-hoach-2025.docx -o ke-hoach-2026.yaml; drafter import ke-hoach-tinh.pdf --as preset -o "
                                 "preset.yaml\n\nMã thoát: 0 xong, 2 tệp không đọc "
                                 "được, không phải kế hoạch, hoặc tham số sai.")
    @click.argument("source", type=click.Path(path_type=Path))
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                  help="Tệp YAML ra (mặc định: cùng tên tệp nhập, đuôi .yaml).")
    @click.option("--as", "as_", type=click.Choice(["draft", "preset"]), default="draft", show_default=True,
                  help="draft: bản thảo (kế hoạch năm trước thành kế hoạch năm nay); preset: kế hoạch của tỉnh "
                       "thành preset để lập kế hoạch cho các xã, phường («drafter new --preset TỆP»).")
    @click.option("--as-preset", "as_preset", is_flag=True, help="Như --as preset.")
    @click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
    @click.option("-q", "--quiet", is_flag=True, help="Không in các đoạn không nhận ra.")
    def import_cmd(source: Path, output: Path | None, as_: str, as_preset: bool, force: bool, quiet: bool) -> None:
        from .atomic import refuse_existing, write_text
        from .importing import import_file

        target = output or source.with_suffix(".yaml")
        if target.resolve() == source.resolve():
            from .errors import DrafterError
            raise DrafterError(f"tệp ra «{target}» trùng tệp nhập; hãy chọn tên khác bằng -o")
        refuse_existing([target], force=force)
        imported = import_file(source)
        text, notes = imported.text, []
        if as_preset or as_ == "preset":
            from .importing.preset import preset_yaml
            text, spec, notes = preset_yaml(imported)
        write_text(target, text, force=force)
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
        for line in notes:
            click.echo(line, err=True)
        click.echo(f"Đã ghi {target}" + (" (preset)" if notes or as_preset or as_ == "preset" else ""))
