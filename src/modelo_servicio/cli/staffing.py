"""``modelo-servicio staffing``: the Erlang C calculator for one live channel.

Imports of rich and of the maths happen inside the command, so ``--help`` stays fast. The
service-level target, occupancy cap, shrinkage and chat concurrency factors default to the
knowledge base's staffing settings (``rules/staffing.yaml``), the ones every plan uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from modelo_servicio.cli.options import LangChoice, LangOpt, ListFormat

if TYPE_CHECKING:
    from modelo_servicio.domain.i18n import Lang
    from modelo_servicio.knowledge.staffing_schema import StaffingSettings
    from modelo_servicio.staffing import ErlangResult, StaffingInputError

_FROM_RULES = "from rules/staffing.yaml"

_OPTION_OF_FIELD = {"concurrency_factors": "--concurrency-factor"}


def _option(field: str) -> str:
    return _OPTION_OF_FIELD.get(field, "--" + field.replace("_", "-"))


def _usage_error(exc: StaffingInputError, lang: Lang, factor: float | None) -> Exception:
    from modelo_servicio.domain.errors import UsageError
    from modelo_servicio.domain.i18n import has, t

    params = dict(exc.params)
    if exc.field == "concurrency_factors" and factor is not None:
        params["value"] = factor
    params = {k: _plain(v) if isinstance(v, float) else v for k, v in params.items()}
    params.setdefault("value", "")
    key = f"staffing.error.{exc.code}"
    if not has(key):
        return UsageError(f"{_option(exc.field)}: {exc}")
    return UsageError(t(key, lang, option=_option(exc.field), **params))


def _number(value: float, digits: int, lang: Lang) -> str:
    text = f"{value:,.{digits}f}"
    if lang == "es":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _percent(value: float, lang: Lang) -> str:
    number = _number(value * 100, 1, lang)
    return f"{number} %" if lang == "es" else f"{number}%"


def _plain(value: float) -> str:
    """An input as the user typed it: ``30`` rather than ``30.0``."""
    return f"{value:g}"


def _percent_input(value: float, lang: Lang) -> str:
    """A typed share as a percentage without noise: 0.85 -> ``85 %`` (not 85.00000000000001)."""
    number = f"{round(value * 100, 6):g}"
    if lang == "es":
        number = number.replace(".", ",")
    return f"{number} %" if lang == "es" else f"{number}%"


def _as_json(result: ErlangResult, inputs: dict[str, Any]) -> dict[str, Any]:
    return {
        "agents": result.agents,
        "scheduled": result.scheduled,
        "service_level": round(result.service_level, 4),
        "occupancy": round(result.occupancy, 4),
        "probability_wait": round(result.probability_wait, 4),
        "asa_seconds": round(result.asa_seconds, 1),
        "traffic_erlangs": round(result.traffic_erlangs, 4),
        "seats": result.seats,
        "concurrency": result.concurrency,
        "concurrency_factor": result.concurrency_factor,
        "limited_by": result.limited_by,
        "method": result.method,
        "inputs": inputs,
    }


def _print_table(result: ErlangResult, inputs: dict[str, Any], lang: Lang) -> None:
    from rich.console import Console
    from rich.table import Table

    from modelo_servicio.domain.i18n import t

    table = Table(title=t("staffing.title", lang), title_justify="left")
    table.add_column(t("staffing.col.measure", lang))
    table.add_column(t("staffing.col.value", lang), justify="right")
    contacts_label = t(
        "staffing.contacts",
        lang,
        minutes=_plain(inputs["interval_minutes"]),
        aht=_plain(inputs["aht_seconds"]),
    )
    table.add_row(contacts_label, _plain(inputs["contacts"]))
    table.add_row(t("staffing.traffic", lang), _number(result.traffic_erlangs, 2, lang))
    if result.concurrency > 1:
        table.add_row(t("staffing.seats", lang), str(result.seats))
        factor = _number(result.concurrency_factor, 2, lang)
        table.add_row(t("staffing.concurrency", lang, factor=factor), str(result.concurrency))
    table.add_row(t("staffing.agents", lang), str(result.agents), style="bold")
    shrinkage = _percent_input(inputs["shrinkage"], lang)
    table.add_row(t("staffing.scheduled", lang, shrinkage=shrinkage), str(result.scheduled))
    target = _percent_input(inputs["service_level"], lang)
    seconds = _plain(inputs["answer_seconds"])
    table.add_row(
        t("staffing.service_level", lang, target=target, seconds=seconds),
        _percent(result.service_level, lang),
    )
    cap = _percent_input(inputs["max_occupancy"], lang)
    table.add_row(t("staffing.occupancy", lang, cap=cap), _percent(result.occupancy, lang))
    table.add_row(t("staffing.probability_wait", lang), _percent(result.probability_wait, lang))
    table.add_row(t("staffing.asa", lang), f"{_number(result.asa_seconds, 1, lang)} s")
    console = Console()
    console.print(table)
    console.print(t(f"staffing.limited_by.{result.limited_by}", lang))


def staffing(
    contacts: Annotated[
        float,
        typer.Option(
            "--contacts",
            help="Contactos que llegan en el intervalo / contacts arriving in the interval.",
            show_default=False,
        ),
    ],
    interval_minutes: Annotated[
        float, typer.Option("--interval-minutes", help="Intervalo / interval (minutes).")
    ] = 30,
    aht_seconds: Annotated[
        float,
        typer.Option("--aht-seconds", help="Duración media / average handle time (seconds)."),
    ] = 180,
    service_level: Annotated[
        float | None,
        typer.Option(
            "--service-level",
            help="Objetivo: parte atendida a tiempo / target share answered in time (0-1).",
            show_default=_FROM_RULES,
        ),
    ] = None,
    answer_seconds: Annotated[
        float,
        typer.Option("--answer-seconds", help="Tiempo objetivo / answer-time target (seconds)."),
    ] = 20,
    max_occupancy: Annotated[
        float | None,
        typer.Option(
            "--max-occupancy",
            help="Ocupación máxima / occupancy cap (0-1).",
            show_default=_FROM_RULES,
        ),
    ] = None,
    shrinkage: Annotated[
        float | None,
        typer.Option(
            "--shrinkage",
            help="Ausencias, pausas, formación / shrinkage: share of paid time off the queue.",
            show_default=_FROM_RULES,
        ),
    ] = None,
    concurrency: Annotated[
        int,
        typer.Option(
            "--concurrency", help="Chats simultáneos por agente / concurrent chats per agent."
        ),
    ] = 1,
    concurrency_factor: Annotated[
        float | None,
        typer.Option(
            "--concurrency-factor",
            help=(
                "Factor de eficiencia para esa concurrencia / efficiency factor for that "
                "concurrency (default: the rules' concurrency_factors, e.g. 2 -> 1.7, 3 -> 2.5, "
                "clamped above the highest)."
            ),
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ListFormat, typer.Option("--format", help="Output format.", case_sensitive=False)
    ] = ListFormat.table,
    lang: LangOpt = LangChoice.es,
) -> None:
    """Erlang C calculator for one live channel (phone, chat, counter).

    Minimum agents on duty that answer --service-level of the contacts within
    --answer-seconds without exceeding --max-occupancy, then the people to schedule after
    --shrinkage.
    """
    import json

    from modelo_servicio.cli.options import language as chosen
    from modelo_servicio.staffing import StaffingInputError, erlang_staff

    language = chosen(lang)
    settings = _staffing_settings()
    factors = dict(settings.concurrency_factors)
    if concurrency_factor is not None:
        factors = {concurrency: concurrency_factor}
    inputs: dict[str, Any] = {
        "contacts": contacts,
        "interval_minutes": interval_minutes,
        "aht_seconds": aht_seconds,
        "service_level": settings.service_level if service_level is None else service_level,
        "answer_seconds": answer_seconds,
        "max_occupancy": settings.max_occupancy if max_occupancy is None else max_occupancy,
        "shrinkage": settings.shrinkage if shrinkage is None else shrinkage,
        "concurrency": concurrency,
    }
    try:
        result = erlang_staff(**inputs, concurrency_factors=factors)
    except StaffingInputError as exc:
        raise _usage_error(exc, language, concurrency_factor) from None

    if fmt == ListFormat.json:
        from modelo_servicio.cli.output import emit

        emit(json.dumps(_as_json(result, inputs), ensure_ascii=False, indent=2) + "\n", json=True)
    else:
        _print_table(result, inputs, language)


def _staffing_settings() -> StaffingSettings:
    """The packaged knowledge base's staffing settings (through the Advisor's disk cache)."""
    from modelo_servicio.app.advisor import Advisor

    return Advisor.build().tables.staffing


def register(app: typer.Typer) -> None:
    app.command("staffing")(staffing)
