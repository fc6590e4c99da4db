"""Turn pydantic's error records into sentences a YAML author can act on."""

from __future__ import annotations

import datetime
import difflib
import unicodedata
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from learnpath.roadmap.problems import quoted


def suggestion(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """A "did you mean" hint, or nothing when no choice is close.

    A word with a non-ASCII letter gets no guess: a look-alike (a Cyrillic letter for a Latin
    one) prints exactly like the id it imitates, so the hint names the character instead."""
    foreign = non_ascii(str(word))
    if foreign:
        return f"; {foreign}"
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def non_ascii(text: str) -> str:
    """Names the first non-ASCII character of `text` and its code point, or returns ''."""
    for character in text:
        if not character.isascii():
            code = f"U+{ord(character):04X} {unicodedata.name(character, '(unnamed)')}"
            shown = f"'{character}' ({code})" if character.isprintable() else code
            return f"it contains {shown}, not ASCII: retype it"
    return ""


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a true/false value)"
    if isinstance(value, datetime.datetime):
        return f"{value.isoformat(' ')} (a date and time)"
    if isinstance(value, datetime.date):
        return f"{value.isoformat()} (a date)"
    if isinstance(value, str):
        return quoted(value)
    return quoted(value) if not isinstance(value, int | float) else _number(value)


def _number(value: float) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text if len(text) <= 60 else f"a number of {len(text):,} digits"


def allowed_keys(model: type[BaseModel], location: tuple[str | int, ...]) -> list[str]:
    """The keys allowed in the mapping at `location`, following the model's nested fields."""
    current: Any = model
    for part in location:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return []
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        current = args[0] if args else annotation
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def explain(error: ErrorDetails, model: type[BaseModel]) -> str:
    """One readable message per error: what is wrong, and what was expected."""
    kind = error["type"]
    got = error.get("input")
    ctx = {
        key: f"{value:g}" if isinstance(value, float) else value
        for key, value in (error.get("ctx") or {}).items()
    }
    location = error["loc"]
    # Only text can hide a look-alike letter; turning any other input into text could be costly.
    foreign = f"; {non_ascii(got)}" if isinstance(got, str) and non_ascii(got) else ""
    messages = {
        "missing": "is required but missing",
        "string_type": f"expected text, got {_shown(got)}",
        "string_too_short": "must not be empty",
        "string_too_long": f"is too long (at most {ctx.get('max_length')} characters)",
        "string_pattern_mismatch": (
            f"expected a lowercase id such as 'deep-learning' (letters, digits and single "
            f"dashes), got {_shown(got)}{foreign}"
        ),
        "float_type": f"expected a number, got {_shown(got)}",
        "int_type": f"expected a whole number, got {_shown(got)}",
        "float_parsing": f"expected a number, got {_shown(got)}",
        "greater_than": f"expected a number greater than {ctx.get('gt')}, got {_shown(got)}",
        "less_than_equal": f"expected a number at most {ctx.get('le')}, got {_shown(got)}",
        "greater_than_equal": f"expected a number of at least {ctx.get('ge')}, got {_shown(got)}",
        "bool_type": f"expected true or false, got {_shown(got)}",
        "list_type": f"expected a list (lines starting with '- '), got {_shown(got)}",
        "too_short": f"expected at least {ctx.get('min_length')} item(s)",
        "too_long": f"expected at most {ctx.get('max_length')} items",
        "model_type": f"expected a mapping of keys and values, got {_shown(got)}",
        "model_attributes_type": f"expected a mapping of keys and values, got {_shown(got)}",
        "dict_type": f"expected a mapping of keys and values, got {_shown(got)}",
        "date_type": f"expected a date written as YYYY-MM-DD, without quotes, got {_shown(got)}",
    }
    if kind in messages:
        return messages[kind]
    if kind == "invalid_key":
        allowed = allowed_keys(model, location[:-1])
        listed = f" such as {', '.join(allowed[:4])}" if allowed else ""
        return f"{_shown(got)} is not a key: keys are names{listed}"
    if kind == "extra_forbidden":
        key = str(location[-1])
        allowed = allowed_keys(model, location[:-1])
        hint = suggestion(key, allowed)
        listed = f" (allowed: {', '.join(allowed)})" if allowed and not hint else ""
        return f"unknown key {quoted(key)}{hint}{listed}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        choices = [choice.strip() for choice in expected.replace(" or ", ",").split(",")]
        hint = suggestion(str(got), choices) if isinstance(got, str) else ""
        return f"expected one of {' | '.join(choices)}, got {_shown(got)}{hint}"
    if kind == "value_error":
        return f"expected {ctx.get('error')}, got {_shown(got)}"
    return str(error["msg"])
