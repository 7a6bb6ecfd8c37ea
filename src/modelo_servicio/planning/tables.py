"""The plan files of one knowledge base, resolved and compiled once: what every plan reads.

Built by the ``Advisor`` with the rest of what it compiles from its knowledge base, so a batch
resolves the settings, indexes the training modules and compiles the phases once, and two
knowledge bases in one process never share anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from modelo_servicio.domain.i18n import Lang
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.planning import kb as pkb
from modelo_servicio.planning.schedule import Playbook, compile_playbook

LANGUAGES: tuple[Lang, ...] = get_args(Lang)


@dataclass(frozen=True)
class PlanTables:
    """The complete settings, the modules of each skill, and the playbook in each language."""

    kb: KnowledgeBase
    staffing: pkb.StaffingSettings
    training: pkb.TrainingSettings
    modules_by_skill: dict[str, list[pkb.TrainingModule]]
    playbooks: dict[str, Playbook]

    @classmethod
    def of(cls, kb: KnowledgeBase) -> PlanTables:
        return cls(
            kb=kb,
            staffing=pkb.staffing_settings(kb),
            training=pkb.training_settings(kb),
            modules_by_skill=pkb.modules_by_skill(kb),
            playbooks={lang: compile_playbook(kb, lang) for lang in LANGUAGES},
        )

    def playbook(self, lang: Lang) -> Playbook:
        return self.playbooks[lang]
