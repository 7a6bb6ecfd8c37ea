"""The consultancy's brand for client reports (``--brand FILE.yaml``).

Read and validated like a profile (``file:line: field: message``, "did you mean" for unknown
keys) through the same YAML reader and validation path, so a typo in a brand file reads like a
typo anywhere else. The logo is embedded as a data URI: a report is one self-contained file.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from modelo_servicio.domain import yamlio
from modelo_servicio.domain.errors import InputError, Problem
from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.validation import validate

MAX_LOGO_BYTES = 256 * 1024
"""Larger logos make every report heavy to mail; a print logo fits well under this."""

_Line = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


class Brand(BaseModel):
    """What the brand file may say; every field optional (a blank file is the neutral look)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: _Line = ""
    """The consultancy's name, shown in the header."""
    logo: _Line | None = None
    """Image file (PNG, JPEG or SVG), relative to the brand file."""
    accent: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")] = "#1f4e79"
    """Headings and chart colour, ``#rrggbb``."""
    contact: _Line = ""
    confidentiality: _Line = ""
    """Footer on every page (e.g. "Confidential — prepared for …")."""
    logo_uri: str = ""
    """Filled by ``load_brand``: the logo as a ``data:`` URI (not written in the file)."""


NEUTRAL = Brand()


def load_brand(path: Path, lang: Lang) -> Brand:
    """The brand in ``path`` with its logo embedded; bad input raises ``InputError``."""
    doc = yamlio.load_single(path)
    if doc.data is None:
        return NEUTRAL
    if isinstance(doc.data, dict) and "logo_uri" in doc.data:
        problem = yamlio.problem_at(doc, ("logo_uri",), t("brand.reserved", lang))
        raise InputError(t("brand.invalid", lang), [problem])
    brand = validate(Brand, doc, InputError, t("brand.invalid", lang))
    if not brand.logo:
        return brand
    logo = (path.parent / brand.logo).resolve()
    where = yamlio.problem_at(doc, ("logo",), "")

    def fail(key: str, **params: object) -> InputError:
        problem = Problem(where.source, t(key, lang, **params), where.line, where.path)
        return InputError(t("brand.invalid", lang), [problem])

    try:
        size = logo.stat().st_size
        if size > MAX_LOGO_BYTES:
            raise fail("brand.logo_too_big", kib=MAX_LOGO_BYTES // 1024)
        raw = logo.read_bytes()
    except OSError:
        raise fail("brand.logo_missing", path=str(logo)) from None
    kind = logo_type(raw)
    if kind is None:
        raise fail("brand.logo_type")
    uri = f"data:{kind};base64,{base64.b64encode(raw).decode('ascii')}"
    return brand.model_copy(update={"logo_uri": uri})


def logo_type(raw: bytes) -> str | None:
    """The MIME type of a PNG, JPEG or SVG image by its first bytes, else ``None``."""
    for signature, kind in _SIGNATURES:
        if raw.startswith(signature):
            return kind
    head = raw[:1024].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in raw[:4096].lower():
        return "image/svg+xml"
    return None
