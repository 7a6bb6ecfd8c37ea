"""What-if: a profile with ``--set KEY=VALUE`` changes applied in memory, and the advice before
and after them. The file is never touched.

The changes are read by the interview's own ``--set`` parser (``interview.session.parse_sets``)
and checked by the Profile model with the interview's messages (``values.profile_problems``),
so ``score --set`` and ``interview --set`` accept and refuse exactly the same things.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelo_servicio.domain import yamlio
from modelo_servicio.domain.catalogue import Catalogue
from modelo_servicio.domain.errors import UsageError
from modelo_servicio.domain.figures import Figures, figures
from modelo_servicio.domain.followup import Change, SideBySide, WhatIf
from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.profile_io import profile_from_data, profile_from_document

if TYPE_CHECKING:
    from modelo_servicio.app.service import Advice


@dataclass(frozen=True)
class Variant:
    """A profile as read and the same profile with the changes applied."""

    before: Profile
    after: Profile
    changes: list[Change]


def load_variant(
    path: Path, lang: Lang, sets: Sequence[str], catalogue: Catalogue | None = None
) -> Variant:
    """The profile in ``path`` and, with ``sets`` applied, the what-if profile (ids checked
    against ``catalogue``, the Advisor's)."""
    from modelo_servicio.interview.session import parse_sets
    from modelo_servicio.interview.values import profile_problems, set_path

    doc = yamlio.load_single(path)
    before = profile_from_document(doc, catalogue)
    pairs = parse_sets(tuple(sets), lang)
    data: dict[str, Any] = copy.deepcopy(doc.data)
    old = before.model_dump(mode="json")
    changes = []
    for key, value in pairs:
        set_path(data, key, value)
        changes.append(Change(key, _get(old, key), value))
    found = profile_problems(data, source="--set", catalogue=catalogue)
    if found:
        raise UsageError(t("interview.set_invalid", lang), found)
    return Variant(before, profile_from_data(data, "--set", catalogue), changes)


def load_changed(
    path: Path, lang: Lang, sets: Sequence[str], catalogue: Catalogue | None = None
) -> Profile:
    """``path`` with ``sets`` applied (``score``/``report``/``explain --set``)."""
    if not sets:
        from modelo_servicio.domain.profile_io import load_profile

        return load_profile(path, catalogue=catalogue)
    return load_variant(path, lang, sets, catalogue).after


def applied_note(path: Path, sets: Sequence[str], lang: Lang) -> str:
    """The line that says an output is a what-if, not the file as it is."""
    changes = ", ".join(s.strip() for s in sets)
    return t("whatif.applied", lang, path=path, changes=changes)


def _get(data: Any, path: str) -> Any:
    node = data
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def whatif(path: Path, lang: Lang, rules: Path | None, sets: Sequence[str]) -> WhatIf:
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.app.service import advise_profile

    advisor = Advisor.build(rules)
    variant = load_variant(path, lang, sets, advisor.catalogue)
    before = advise_profile(variant.before, lang, advisor=advisor)
    after = advise_profile(variant.after, lang, advisor=advisor)
    return WhatIf(
        company=after.result.company,
        changes=variant.changes,
        before=figures(before.result),
        after=figures(after.result),
    )


def compare_models(
    path: Path, lang: Lang, rules: Path | None, sets: Sequence[str], models: Sequence[str]
) -> SideBySide:
    """The plans two (or more) models would get for one profile, as figures."""
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.app.service import advise_profile

    advisor = Advisor.build(rules)
    profile = load_changed(path, lang, sets, advisor.catalogue)
    advice = advise_profile(profile, lang, advisor=advisor)
    return SideBySide(advice.result.company, [model_figures(advice, m, lang) for m in models])


def model_figures(advice: Advice, model: str, lang: Lang) -> Figures:
    """The figures of ``model``'s plan: the result's own for the recommended model, else a
    plan built for it (``planning.build_plan_for``)."""
    result = advice.result
    if model == result.recommendation.model:
        return figures(result)
    from modelo_servicio.planning import build_plan_for

    advisor = advice.advisor
    plan = build_plan_for(advisor.evaluate(advice.profile), advisor.tables, lang, model)
    return figures(result, plan, model)


def check_models(value: str, known: Sequence[str], lang: Lang) -> list[str]:
    """``A,B`` -> ``[A, B]``: two different known model ids, or a usage error."""
    from modelo_servicio.domain.i18n import hint, say

    models = [m.strip() for m in value.split(",") if m.strip()]
    if len(models) != 2 or models[0] == models[1]:
        example = ",".join(list(known)[:2])
        raise UsageError(t("whatif.models_syntax", lang, example=example, value=value))
    for model in models:
        if model not in known:
            message = t("whatif.unknown_model", lang, model=model, known=", ".join(known))
            raise UsageError(message + say(hint(model, list(known)), lang))
    return models
