"""The command palette in Vietnamese: Textual's built-in commands and words translated."""
from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, Hit, Hits
from textual.content import Content
from textual.system_commands import SystemCommandsProvider
from textual.widgets.option_list import Option

from drafter.text import fold, nfc

# Textual's system commands, by their English title: (title, help) as the user reads them.
SYSTEM_COMMANDS = {
    "Theme": ("Bộ màu", "Đổi bộ màu của giao diện"),
    "Quit": ("Thoát", "Thoát drafter (hỏi lưu nếu bản thảo còn thay đổi)"),
    "Keys": ("Phím tắt", "Hiện hoặc ẩn bảng phím tắt của ô đang chọn"),
    "Minimize": ("Thu nhỏ", "Trả ô đang phóng to về cỡ thường"),
    "Maximize": ("Phóng to", "Phóng to ô đang chọn"),
    "Screenshot": ("Chụp màn hình", "Lưu ảnh SVG của màn hình hiện tại"),
}


def translated(commands):
    for cmd in commands:
        title, help_text = SYSTEM_COMMANDS.get(cmd.title, (cmd.title, cmd.help))
        yield cmd._replace(title=title, help=help_text)


class FoldingCommands(SystemCommandsProvider):
    """The app's commands, found with or without diacritics: «luu» finds «Lưu», «xuat» finds «Xuất»."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(nfc(query)))
        for name, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            name = nfc(name)
            folded = fold(name)
            score = matcher.match(folded)
            if score <= 0:
                continue
            shown = Content(name)
            if len(folded) == len(name):  # one folded letter a letter: the matched ones are marked
                _, offsets = matcher.fuzzy_search.match(matcher.query, folded)
                for at in offsets:
                    if not name[at].isspace():
                        shown = shown.stylize(matcher.match_style, at, at + 1)
            yield Hit(score, shown, callback, help=help_text)


class VietnamesePalette(CommandPalette):
    """Textual's palette with its placeholder and its "no matches" line in Vietnamese."""

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder="Tìm lệnh…", **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual builds this line inline in English; this is its method with the words changed.
        self._stop_no_matches_countdown()

        def show() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text("Không có lệnh nào khớp", style="not bold")),
                           disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)
