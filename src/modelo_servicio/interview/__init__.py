"""The interactive interview: questions as data, a flow with back navigation and review, and a
profile saved after every answer.

Only ``terminal`` imports questionary/prompt_toolkit; the knowledge-base loader imports ``kb``
on every load, so nothing here may pull in the terminal libraries at import time.
"""
