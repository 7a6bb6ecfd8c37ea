from __future__ import annotations

import json

from modelo_servicio.domain.result import Result


class JsonFormat:
    """The JSON contract of PRODUCT.md; keys in contract order, UTF-8, stable."""

    def format(self, result: Result) -> str:
        data = result.model_dump(mode="json")
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
