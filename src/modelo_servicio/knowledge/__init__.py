"""The knowledge base: YAML files under ``rules/`` (plus a consultancy's ``--rules DIR``),
validated by pydantic at load time and merged by id."""

from modelo_servicio.knowledge.loader import KnowledgeBase, load_kb

__all__ = ["KnowledgeBase", "load_kb"]
