"""The HTML report printed to PDF through WeasyPrint, an optional extra
(``pip install modelo-servicio[pdf]``): the rest of the tool works without it."""

from __future__ import annotations

from typing import Any

from modelo_servicio.domain.errors import UsageError
from modelo_servicio.domain.i18n import Lang, t


def pdf_bytes(html: str, lang: Lang) -> bytes:
    """``html`` as an A4 PDF. Nothing is fetched: the page is self-contained, and any other
    URL a report might carry is refused rather than looked up."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the package is there, pango is not
        raise UsageError(t("report.pdf_missing", lang, detail=str(exc).splitlines()[0])) from None

    document = weasyprint.HTML(string=html, url_fetcher=_offline_fetcher(weasyprint))
    data: bytes = document.write_pdf()
    return data


def _offline_fetcher(weasyprint: Any) -> Any:
    """A fetcher of ``data:`` URLs only (the embedded logo). WeasyPrint 68 and later take a
    ``URLFetcher`` limited to that protocol; earlier versions, a function wrapping
    ``default_url_fetcher``."""
    fetcher = getattr(weasyprint, "URLFetcher", None)
    if fetcher is not None:
        return fetcher(allowed_protocols=("data",))

    def offline(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if url.startswith("data:"):
            return dict(weasyprint.default_url_fetcher(url, *args, **kwargs))
        raise ValueError(f"not fetched: {url[:80]}")

    return offline
