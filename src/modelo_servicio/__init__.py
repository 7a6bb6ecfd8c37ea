"""modelo-servicio: choose and implement a customer-support model.

The library (profile, knowledge base, engine, staffing, planning, renderers) never imports
the CLI framework; ``modelo_servicio.cli`` is a thin layer on top.
"""

__version__ = "0.1.0"
