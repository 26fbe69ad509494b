"""Turning pydantic validation errors into located problems."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..problems import did_you_mean
from ..reading.reader import Document

M = TypeVar("M", bound=BaseModel)


def validate_model(
    doc: Document,
    model: type[M],
    data: Any,
    *,
    fields: tuple[str, ...] | None = None,
    prefix: tuple[str | int, ...] = (),
) -> M | None:
    """Validate ``data`` with ``model``, turning each pydantic error into a located problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        known = fields if fields is not None else tuple(model.model_fields)
        for err in exc.errors(include_url=False, include_context=False):
            report_error(doc, err, known, prefix)
        return None


def report_error(
    doc: Document, err: Any, known: tuple[str, ...], prefix: tuple[str | int, ...]
) -> None:
    loc: tuple[str | int, ...] = (*prefix, *err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        name = str(err["loc"][-1])
        choices = known if len(err["loc"]) == 1 else ()
        hint = did_you_mean(name, choices) if choices else ""
        doc.error(loc, f"unknown key {name!r}", hint, key=True)
        return
    if kind == "missing":
        doc.error(loc, "required field is missing")
        return
    if not err["loc"] and kind in known:
        loc = (*prefix, kind)
    if "input" in err and err["input"] is None and err["loc"]:
        # YAML reads `key:`, `key: null` and `~` as no value; saying "should be a valid
        # string" about them would point at the wrong thing.
        item = isinstance(loc[-1], int)
        hint = "remove the item or fill it in" if item else "fill it in"
        doc.error(loc, "has no value (empty or null)", f"{hint}; quote 'null' to mean the word")
        return
    message = str(err["msg"])
    message = message[:1].lower() + message[1:]
    doc.error(loc, message)
