"""``drafter presets`` and ``drafter new``: start a commune's draft from a superior plan."""
from __future__ import annotations

from pathlib import Path

import click

from .errors import DraftError, Problem
from .text import commune_type

KIND_VI = {"ke-hoach": "kế hoạch", "quyet-dinh": "quyết định ban hành kế hoạch"}
SOURCE_VI = {"shipped": "có sẵn", "user": "của người dùng", "env": "DRAFTER_PRESETS", "file": "tệp"}


def _commune_type(ctx, param, value: str) -> str:
    kind = commune_type(value)
    if kind is None:
        raise click.BadParameter("hãy chọn xã, phường hoặc đặc khu")
    return kind


@click.command(name="presets", help="Liệt kê các preset (kế hoạch cấp trên) dùng được, mỗi preset một dòng.")
def presets_cmd() -> None:
    from .presets import list_presets

    infos = list_presets()
    if not infos:
        click.echo("Chưa có preset nào.")
    width = max((len(i.name) for i in infos), default=0) + 2
    for info in infos:
        if info.error:
            click.echo(f"{info.name:{width}}(không đọc được: {info.error})")
        else:
            extra = f"; {SOURCE_VI.get(info.source, info.source)}" if info.source != "shipped" else ""
            click.echo(f"{info.name:{width}}{info.title} [{KIND_VI.get(info.kind, info.kind)}{extra}]")


@click.command(name="new", help="Tạo bản thảo cho một xã, phường, đặc khu từ preset (kế hoạch cấp trên). "
                               "Ví dụ: drafter new --preset bac-ninh-cchc-2026 --commune \"Võ Cường\" "
                               "--type phường -o vo-cuong.yaml")
@click.option("--preset", "preset_spec", required=True,
              help="Tên preset (xem «drafter presets») hoặc đường dẫn tới tệp preset.")
@click.option("--commune", required=True, help="Tên xã, phường, đặc khu, ví dụ «Võ Cường».")
@click.option("--type", "commune_type", default="xã", show_default=True, callback=_commune_type,
              help="Loại: xã, phường hoặc đặc khu.")
@click.option("--province", help="Tỉnh, thành phố (mặc định: của preset).")
@click.option("--signer", help="Họ và tên người ký.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp bản thảo YAML ra (mặc định: tên xã không dấu, ví dụ vo-cuong.yaml).")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def new_cmd(preset_spec: str, commune: str, commune_type: str, province: str | None, signer: str | None,
            output: Path | None, force: bool) -> None:
    from pydantic import ValidationError

    from .model import Commune
    from .presets import load_preset
    from .publish import new_draft

    preset = load_preset(preset_spec)
    try:
        who = Commune(name=commune.strip(), type=commune_type, province=province)
    except ValidationError:
        raise DraftError([Problem("tên xã, phường, đặc khu không được để trống", field="--commune")]) from None
    made = new_draft(preset, who, output, overrides={"signer_name": signer} if signer else None, force=force)
    click.echo(f"Đã ghi {made.path}: bản thảo của UBND {who.full} theo preset «{made.preset}».")
    if preset.spec.review:  # guesses made when the preset was imported: each commune's drafter should know
        click.echo(f"Cần xem lại: preset còn {len(preset.spec.review)} chỗ phỏng đoán (mục «review» của preset):",
                   err=True)
        for line in preset.spec.review:
            click.echo(f"  {line}", err=True)
    from .checks import check_draft
    for problem in check_draft(made.draft):  # a preset of another province: said now, not at render time
        if problem.rule == "BASES-OTHER-PROVINCE":
            click.echo(f"Cảnh báo: {problem.message}", err=True)
    click.echo(f"Đọc lại, sửa nếu cần, rồi xuất ra Word: drafter render {made.path} -o {made.path.with_suffix('.docx')}")


@click.group(name="preset", help="Làm việc với preset (kế hoạch cấp trên).")
def preset_group() -> None:
    pass


@preset_group.command(name="from-draft",
                      help="Biến một kế hoạch của tỉnh, thành phố đã viết thành bản thảo drafter thành preset, để "
                           "lập kế hoạch cho các xã, phường. Ví dụ: drafter preset from-draft tinh.yaml -o "
                           "preset.yaml; rồi drafter new --preset preset.yaml --commune \"Võ Cường\" --type phường")
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp preset YAML ra.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def from_draft_cmd(draft: Path, output: Path, force: bool) -> None:
    from .atomic import refuse_existing, write_text
    from .importing.preset import preset_from_draft
    from .loader import load_draft

    refuse_existing([output], force=force)
    text, spec, notes = preset_from_draft(load_draft(draft).draft, str(draft))
    write_text(output, text, force=force)
    for line in notes:  # the guessed mappings and the tasks left to the province: for the user to review
        click.echo(line, err=True)
    tasks = sum(len(area.get("tasks", [])) for area in spec.get("areas", []))
    click.echo(f"Đã ghi {output}: preset «{spec['title']}», {len(spec.get('areas', []))} lĩnh vực, {tasks} nhiệm vụ.")
    click.echo(f"Lập bản thảo cho một xã: drafter new --preset {output} --commune \"Tên\" --type xã -o ten.yaml")
