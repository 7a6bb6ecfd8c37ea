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

    def offline(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if url.startswith("data:"):
            return dict(weasyprint.default_url_fetcher(url, *args, **kwargs))
        raise ValueError(f"not fetched: {url[:80]}")

    document = weasyprint.HTML(string=html, url_fetcher=offline)
    data: bytes = document.write_pdf()
    return data
