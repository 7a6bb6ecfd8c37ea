"""The interview in a terminal: what to do with an existing file, the walk, and Ctrl-C."""

from __future__ import annotations

from dataclasses import replace

from modelo_servicio.domain.errors import InterruptedByUser
from modelo_servicio.domain.i18n import t
from modelo_servicio.interview.flow import Flow
from modelo_servicio.interview.screens import HELP, Prompt, Terminal
from modelo_servicio.interview.session import Request, Session
from modelo_servicio.knowledge.loader import KnowledgeBase


def interactive(request: Request, kb: KnowledgeBase, terminal: Terminal) -> Session:
    """Ask everything still open; on Ctrl-C save and raise ``InterruptedByUser`` (exit 130)
    with the command that resumes."""
    lang = request.lang
    session: Session | None = None
    try:
        request = _existing_file(request, terminal)
        session = Session(request, kb)
        session.start()
        for note in session.notes:
            terminal.say(note, "note")
        terminal.say(t("interview.title", lang), "title")
        terminal.say(t("interview.intro", lang, path=request.path), "note")
        if session.resume:
            terminal.say(t("interview.resuming", lang, count=session.answered_count()), "note")
        Flow(session.answers, terminal, lang, save=session.save).run()
    except (KeyboardInterrupt, EOFError):
        # answers given on the command line (``--set``, ``--staff``) are answers too: a Ctrl-C
        # at the first question must not lose a twelve-person roster or a resumed change
        brought = bool(request.sets or request.staff) and session is not None and session.started
        if session is not None and (session.saved or session.resume or brought):
            if session.saved or brought:
                session.save()
            message = t(
                "interview.interrupted",
                lang,
                path=request.path,
                count=session.answered_count(),
                command=session.resume_command(),
            )
        else:
            message = t("interview.interrupted_empty", lang, path=request.path)
        raise InterruptedByUser(message) from None
    session.save(complete=True)
    return session


def _existing_file(request: Request, terminal: Terminal) -> Request:
    """Never overwrite without asking: resume it, start again, or stop."""
    if not request.path.exists() or request.resume or request.force:
        return request
    lang = request.lang
    prompt = Prompt(
        kind="select",
        message=t("interview.exists_ask", lang, path=request.path),
        instruction=t("interview.keys.select", lang),
        choices=(
            ("resume", t("interview.exists_resume", lang)),
            ("overwrite", t("interview.exists_overwrite", lang)),
            ("cancel", t("interview.exists_cancel", lang)),
        ),
        default="resume",
    )
    while True:
        choice = terminal.ask(prompt)
        if choice is HELP:
            terminal.say(t("interview.exists_help", lang), "help")
            continue
        if choice == "resume":
            return replace(request, resume=True)
        if choice == "overwrite":
            return replace(request, force=True)
        raise InterruptedByUser(t("interview.cancelled", lang, path=request.path))
