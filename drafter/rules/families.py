"""Importing this module registers every family of rules, in the order ``--rules`` lists them.

``draft`` comes last: it adds the draft form to rules the other families define.
"""
from . import header, numbering, citations, recipients, text, layout, assignment, dropped, tables, draft  # noqa: F401
