"""The plan's cross-file checks live with the file schemas they check, in the knowledge layer
(``knowledge.plan_checks``), so that the loader can run them without importing upward."""

from modelo_servicio.knowledge.plan_checks import check_plan

__all__ = ["check_plan"]
