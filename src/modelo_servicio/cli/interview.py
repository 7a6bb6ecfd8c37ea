"""``modelo-servicio interview``: the questionnaire in the terminal, then the recommendation.

Nothing heavy is imported at module level: questionary and prompt_toolkit load only when the
interview actually asks something, so ``--help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from modelo_servicio.cli.options import DateOpt, LangChoice, LangOpt, RulesOpt, StartOpt

if TYPE_CHECKING:
    import datetime

    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.domain.i18n import Lang


def interview(
    out: Annotated[
        Path | None,
        typer.Argument(
            help="Profile to write (default perfil.yaml) / perfil que se escribe.",
            metavar="OUT.yaml",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Continue a saved interview at the first open question."),
    ] = False,
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="KEY=VALUE",
            help="Answer in advance: a dotted profile path and a YAML value "
            "(company.name=Acme, staff.0.name=Ana, customers.languages=[es,en]). Repeatable.",
            show_default=False,
        ),
    ] = None,
    defaults: Annotated[
        bool,
        typer.Option(
            "--defaults",
            help="Ask nothing: take every open answer's default; exit 2 listing the required "
            "answers still missing.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing file without asking.")
    ] = False,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            metavar="FILE.md",
            help="Also write the markdown recommendation report.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    staff: Annotated[
        Path | None,
        typer.Option(
            "--staff",
            metavar="ROSTER.csv",
            help="The team from a spreadsheet: one row per person, columns as in "
            "'modelo-servicio template staff.csv'; every row is checked, with its line.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    date: DateOpt = None,
    start: StartOpt = None,
    lang: LangOpt = LangChoice.es,
    rules: RulesOpt = None,
) -> None:
    """Interview a client: questions about the business, the customers, the demand per
    channel, the organisation, the team and the constraints, then the recommendation.

    Enter accepts the proposed value, ? shows help, < or Shift+Tab goes back, and a final
    review lets you change any answer. Every answer is saved at once; Ctrl-C saves and
    --resume continues where you left off."""
    import sys

    from modelo_servicio.cli.options import language as chosen
    from modelo_servicio.cli.options import start_day
    from modelo_servicio.cli.output import check, say
    from modelo_servicio.domain.i18n import t
    from modelo_servicio.interview.session import DEFAULT_FILE, Request

    language = chosen(lang)
    check(report, language)
    first = start_day(start)
    people: tuple[dict[str, object], ...] = ()
    if staff is not None:
        from modelo_servicio.app.advisor import Advisor
        from modelo_servicio.interview.roster import read_roster

        catalogue = Advisor.build(rules).catalogue
        people = tuple(read_roster(staff, language, catalogue))
    request = Request(
        path=out or DEFAULT_FILE,
        lang=language,
        rules=rules,
        resume=resume,
        force=force,
        defaults=defaults,
        sets=tuple(sets or ()),
        staff=people,
    )
    from modelo_servicio.app.advisor import Advisor

    advisor = Advisor.build(rules)
    kb = advisor.kb
    if defaults or not sys.stdin.isatty():
        from modelo_servicio.interview.session import non_interactive

        non_interactive(request, kb)
    else:
        from modelo_servicio.interview.interactive import interactive
        from modelo_servicio.interview.terminal import QuestionaryTerminal

        interactive(request, kb, QuestionaryTerminal())
    say(t("interview.saved", language, path=request.path))
    _recommend(request.path, language, advisor, report, date, first)


def _recommend(
    path: Path,
    lang: Lang,
    advisor: Advisor,
    report: Path | None,
    date: str | None,
    start: datetime.date | None = None,
) -> None:
    """Score the file exactly as ``score`` would read it, and show (and write) the result."""
    from modelo_servicio.app.service import advise_file, render
    from modelo_servicio.cli.output import emit, say, width, write
    from modelo_servicio.domain.i18n import t

    advice = advise_file(path, lang, advisor=advisor, start=start)
    emit(render(advice, "table", width=width()))
    if report is not None:
        write(report, render(advice, "markdown", date=date), lang)
        say(t("interview.report_written", lang, path=report))


def register(app: typer.Typer) -> None:
    app.command("interview")(interview)
