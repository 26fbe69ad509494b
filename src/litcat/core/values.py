"""How an attribute value becomes text, in one place: for readers, and for files and facets.

Attribute values are typed by the taxonomy (text, list, bool, int, choice). Pages show them to
readers (:func:`shown`: a choice by its label, a boolean as yes or no); CSV files, the explorer's
facet keys and other machine-read outputs use :func:`plain` (``true``/``false``, choice ids).
"""

from __future__ import annotations

from typing import Any

from .taxonomy import Attribute

LIST_SEPARATOR = "; "


def plain(value: Any) -> str:
    """The machine form of a value: ``""`` for none, ``true``/``false``, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def shown(attribute: Attribute, value: Any, *, separator: str = LIST_SEPARATOR) -> str:
    """What a reader sees for ``value`` of ``attribute``: choices by label, yes or no."""
    if value is None:
        return ""
    if attribute.type == "bool":
        return "yes" if value else "no"
    if attribute.type == "choice":
        return next((c.label for c in attribute.choices if c.id == value), str(value))
    if isinstance(value, list):
        return separator.join(str(v) for v in value)
    return str(value)
