"""Step 3: purposes, requirements and targets."""
from __future__ import annotations

from ruamel.yaml.comments import CommentedSeq

from drafter.edits import cmap

from .sections import SectionsStep


class PurposesStep(SectionsStep):
    key = "purposes"
    kind = "purposes"
    new_title = "Mục đích, yêu cầu"
    new_items = [cmap(title="Mục đích", items=CommentedSeq()), cmap(title="Yêu cầu", items=CommentedSeq())]
    help = "Mục đích, yêu cầu và chỉ tiêu của kế hoạch; mỗi dòng là một đoạn."
