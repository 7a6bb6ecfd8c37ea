"""The command-line layer: parse options, call one library function, print.

Modules here import only Typer and the standard library at import time, so that
``modelo-servicio --help`` stays fast; each command imports what it needs when it runs.
"""
