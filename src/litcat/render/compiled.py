"""Compiled templates kept for the life of the process.

A site build, a rebuild under ``mkdocs serve`` and ``litcat render`` each make new Jinja
environments (the catalog's and the theme's), and compiling their templates again was a large
part of a small catalog's build. :data:`COMPILED` keeps each template's code by its name, file
and every setting of the environment that changes the code compiled from it; Jinja checks the
source's checksum before using it, so an edited template is compiled again.
"""

from __future__ import annotations

from hashlib import sha1

import jinja2
from jinja2.bccache import Bucket


def _callable_name(value: object) -> str:
    if value is None:
        return "-"
    # How Jinja passes the context to a filter or test: decided when a template is compiled.
    kind = getattr(value, "jinja_pass_arg", None)
    name = getattr(value, "__qualname__", type(value).__qualname__)
    return f"{getattr(value, '__module__', '')}.{name}:{kind}"


def environment_key(environment: jinja2.Environment, name: str) -> str:
    """What of ``environment`` the code compiled from template ``name`` depends on: its syntax
    and whitespace settings, extensions, escaping, finalizer, and which filters and tests it
    has (Jinja decides at compile time how to call each)."""
    env = environment
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    parts = [
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        repr(env.line_statement_prefix),
        repr(env.line_comment_prefix),
        repr((env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline)),
        repr(env.newline_sequence),
        repr((env.optimized, env.is_async, bool(autoescape))),
        repr(env.policies.get("compiler.ascii_str")),
        _callable_name(env.finalize),
        _callable_name(env.code_generator_class),
        ",".join(sorted(env.extensions)),
        ",".join(sorted(f"{n}={_callable_name(f)}" for n, f in env.filters.items())),
        ",".join(sorted(f"{n}={_callable_name(f)}" for n, f in env.tests.items())),
    ]
    return "\x00".join(parts)


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates in memory, shared by every environment of the process."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        digest = sha1(name.encode("utf-8"))
        digest.update(f"\x00{filename}\x00".encode())
        digest.update(environment_key(environment, name).encode("utf-8", "surrogatepass"))
        bucket = Bucket(environment, digest.hexdigest(), self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


def keep_compiled(env: jinja2.Environment) -> None:
    """Let ``env`` (one the theme made) reuse templates compiled by earlier builds."""
    if env.bytecode_cache is None:
        env.bytecode_cache = COMPILED
