"""Safe YAML reading (files are written by ``domain.output``).

Loading composes the node tree once and constructs the data from it, so the same parse gives
both the values and, only when an error needs one, the line of any field. Only the safe
loader is used (libyaml when present); tags, alias bombs, duplicate keys, binary and
non-UTF-8 bytes and oversized files become ``InputError`` with a line number.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from modelo_servicio.domain.errors import InputError, Problem
from modelo_servicio.domain.i18n import Message, Msg, msg

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DIGITS = 20
"""Digits of an integer in any input: more is no count or amount of a support team, and
Python refuses to convert more than 4,300 at all."""

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NUMBERS = {
    _INT: re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"),
    _FLOAT: re.compile(
        r"^(?![-+]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+$)"  # 2.650: a Spanish thousands point?
        r"(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
}


class _Loader(_Base):  # type: ignore[misc]
    """The safe loader without YAML 1.1's base-60 numbers (``4:30`` stays the text "4:30",
    which validation explains, instead of silently becoming 270), nor its octal, hex and
    binary integers (``010`` would silently be 8: it stays the text "010", explained the same
    way), nor floats that read as grouped thousands (``2.650`` is 2650 to a Spanish writer and
    2.65 to YAML: it stays the text, and validation asks for one or the other), and with
    integers of at most ``MAX_DIGITS`` digits (a located error, not a traceback)."""

    source = ""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, _NUMBERS.get(tag, pattern)) for tag, pattern in resolvers]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        digits = sum(ch.isalnum() for ch in str(node.value))
        if digits > MAX_DIGITS:
            line = node.start_mark.line + 1
            name = self.source
            raise InputError(
                msg("yaml.big_integer", name=name, line=line, digits=digits, limit=MAX_DIGITS)
            )
        value: int = super().construct_yaml_int(node)
        return value


_Loader.add_constructor(_INT, _Loader.construct_yaml_int)

Loc = tuple[str | int, ...]


@dataclass
class Document:
    """One YAML document: its data and the node tree it came from."""

    source: str
    data: Any
    node: yaml.Node | None
    index: int = 0
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def line_of(self, loc: Loc) -> int | None:
        """1-based line of the deepest node reachable along ``loc``."""
        node = self.node
        if node is None:
            return None
        line: int = node.start_mark.line + 1
        for part in loc:
            child = self._child(node, part)
            if child is None:
                break
            key_node, node = child
            line = (key_node or node).start_mark.line + 1
        return line

    def key_line(self, loc: Loc) -> int | None:
        """Line of the key itself (for unknown keys) rather than of its value."""
        return self.line_of(loc)

    def _child(self, node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
        """A mapping's keys are indexed once per document: 40,000 unknown keys each looked
        up by a scan of the mapping took minutes."""
        if isinstance(node, yaml.MappingNode):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = {}
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode):
                        keys.setdefault(key_node.value, (key_node, value_node))
                self._keys[id(node)] = keys
            return keys.get(str(part))
        if (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            return None, node.value[part]
        return None


def read_text(
    path: Path, source: str | None = None, max_bytes: int = MAX_BYTES, regular_only: bool = False
) -> str:
    """Read a file as UTF-8 text, refusing what is not text or too big.

    The read is bounded whatever the file is (``/dev/zero`` stops at ``max_bytes``) and the
    open never waits (a FIFO without a writer reads as empty). ``regular_only`` (a batch,
    which reads whatever a folder holds) refuses devices, FIFOs and sockets outright; a single
    profile may come from a pipe (``score <(generate)``)."""
    name = source or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(msg("yaml.not_found", name=name)) from None
    except PermissionError:
        raise InputError(msg("yaml.permission", name=name)) from None
    except IsADirectoryError:
        raise InputError(msg("yaml.is_folder", name=name)) from None
    except OSError as exc:
        raise InputError(msg("yaml.unreadable", name=name, reason=exc.strerror)) from None
    try:
        raw = _read_bounded(fd, name, max_bytes, regular_only)
    except OSError as exc:
        raise InputError(msg("yaml.unreadable", name=name, reason=exc.strerror)) from None
    finally:
        os.close(fd)
    return decode(raw, name)


def _read_bounded(fd: int, name: str, max_bytes: int, regular_only: bool) -> bytes:
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        raise InputError(msg("yaml.is_folder", name=name))
    regular = stat.S_ISREG(info.st_mode)
    if not regular and (regular_only or stat.S_ISSOCK(info.st_mode)):
        raise InputError(msg("yaml.not_regular", name=name))
    if regular and info.st_size > max_bytes:
        raise InputError(msg("yaml.too_large", name=name, size=info.st_size, limit=max_bytes))
    if not regular:
        os.set_blocking(fd, True)
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > max_bytes:
        raise InputError(msg("yaml.too_large", name=name, size=f"> {max_bytes}", limit=max_bytes))
    return b"".join(chunks)


def decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError(msg("yaml.binary", name=name, line=line))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            msg("yaml.not_utf8", name=name, line=line, byte=f"0x{raw[exc.start]:02x}")
        ) from None


def parse(text: str, source: str) -> list[Document]:
    """Parse every document in ``text`` safely."""
    return list(iter_documents(text, source))


def iter_documents(text: str, source: str) -> Iterator[Document]:
    """Every document in ``text``, each checked for alias bombs and duplicate keys.

    A short text without aliases or tags (``_plain``: nearly every profile) is a plain tree,
    so it is checked while it is built (``_QuickLoader``), which costs little more than the
    bare parse. At the first doubt (a duplicate key, a merge key, any
    error) that document and the rest are read again the thorough way (``_checked``), which
    checks the whole node graph before building anything, so errors and their lines are the
    same whichever way a document was read."""
    try:
        if _plain(text):
            yield from _quick(text, source)
        else:
            yield from _checked(text, source)
    except yaml.MarkedYAMLError as exc:
        raise InputError(_yaml_message(exc, source)) from None
    except yaml.reader.ReaderError as exc:  # a control character typed raw in the text
        line = text[: exc.position].count("\n") + 1
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "?"
        raise InputError(msg("yaml.control", where=f"{source}:{line}", char=char)) from None
    except yaml.YAMLError as exc:
        raise InputError(msg("yaml.invalid", where=source, problem=str(exc))) from None
    except RecursionError:
        raise InputError(msg("yaml.too_deep", name=source)) from None


def _plain(text: str) -> bool:
    """No aliases (``*name``) and no tags (``!``, ``!!type``, ``%TAG``), so every node is
    built once and by the plain mapping, sequence and scalar constructors. Such a text cannot
    expand beyond what is written (the alias limit of ``_check_tree`` has nothing to count),
    and what is written is bounded by ``MAX_BYTES``: a 15,000-rule file is read in one pass."""
    return "*" not in text and "!" not in text


def _checked(text: str, source: str, skip: int = 0) -> Iterator[Document]:
    """Documents from number ``skip`` on, each node graph checked before it is built."""
    loader = _Loader(text)
    loader.source = source
    try:
        for _ in range(skip):  # read (and yielded) already
            loader.check_node()
            loader.get_node()
        index = skip
        while loader.check_node():
            node = loader.get_node()
            if node is None:  # pragma: no cover - check_node guarantees one
                break
            _check_tree(node, source)
            data = loader.construct_document(node)
            yield Document(source=source, data=data, node=node, index=index)
            index += 1
    finally:
        loader.dispose()


def _quick(text: str, source: str) -> Iterator[Document]:
    """Documents of a text without aliases or tags, checked while they are built."""
    loader = _QuickLoader(text)
    loader.source = source
    index = 0
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:  # pragma: no cover - check_node guarantees one
                break
            try:
                data = loader.construct_document(node)
            except Exception:  # any doubt: ``_checked`` gives the exact error
                break
            yield Document(source=source, data=data, node=node, index=index)
            index += 1
        else:
            return
    finally:
        loader.dispose()
    yield from _checked(text, source, skip=index)


class _UnsureError(Exception):
    """The quick check cannot vouch for this document: ``_checked`` reads it again."""


_MERGE = "tag:yaml.org,2002:merge"


class _QuickLoader(_Loader):
    """The safe loader, refusing duplicate and merge keys as it builds.

    Without aliases or tags every mapping is built through ``construct_mapping`` and every
    sequence through ``construct_sequence``, so these two see the whole tree: the same
    mappings ``_check_tree`` would look at, before merge keys (refused here) could change
    them."""

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, _ in node.value:
                if key_node.tag == _MERGE:
                    raise _UnsureError
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in seen:
                        raise _UnsureError
                    seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


def _yaml_message(exc: yaml.MarkedYAMLError, source: str) -> Msg:
    mark = exc.problem_mark or exc.context_mark
    where = f"{source}:{mark.line + 1}" if mark else source
    problem = exc.problem or "syntax error"
    if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
        tag = problem.split("tag", 1)[1].strip(" '").replace("tag:yaml.org,2002:", "!!")
        return msg("yaml.tag", where=where, tag=tag)
    context = f" {exc.context}" if exc.context else ""
    return msg("yaml.invalid", where=where, problem=f"{problem}{context}")


def _check_tree(root: yaml.Node, source: str) -> None:
    """Reject alias bombs and duplicate keys, in time linear in the node graph.

    The limit is on what aliases add: a subtree may expand to at most ``MAX_NODES`` values
    more than the distinct nodes written so far. A big plain file (15,000 rules) has no
    expansion at all; its size is bounded by ``MAX_BYTES``."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if key in sizes and not done:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                children.extend((k, v))
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        if not done:
            if isinstance(node, yaml.MappingNode):
                _check_duplicates(node, source)
            sizes[key] = -1
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        total = 1 + sum(max(sizes.get(id(c), 1), 1) for c in children)
        if total - len(sizes) > MAX_NODES:  # what aliases add beyond the nodes written
            line = node.start_mark.line + 1
            raise InputError(msg("yaml.bomb", name=source, line=line, limit=MAX_NODES))
        sizes[key] = total


def _check_duplicates(node: yaml.MappingNode, source: str) -> None:
    seen: dict[str, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        line = key_node.start_mark.line + 1
        if key_node.value in seen:
            raise InputError(
                msg(
                    "yaml.duplicate_key",
                    name=source,
                    line=line,
                    field=key_node.value,
                    first=seen[key_node.value],
                )
            )
        seen[key_node.value] = line


def load_file(path: Path, source: str | None = None) -> list[Document]:
    name = source or str(path)
    return parse(read_text(path, name), name)


def load_single(path: Path, source: str | None = None) -> Document:
    """Exactly one document; an empty file is an error."""
    name = source or str(path)
    docs = load_file(path, name)
    if not docs or (len(docs) == 1 and docs[0].data is None):
        raise InputError(msg("yaml.empty", name=name))
    if len(docs) > 1:
        line = docs[1].line_of(())
        raise InputError(msg("yaml.several", name=name, line=line, count=len(docs)))
    return docs[0]


_GROUPED = re.compile(r"[-+]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
"""A float that reads like grouped thousands (``2.650``): the loader keeps it as text."""


class _SafeDumper(_Dumper):  # type: ignore[misc]
    """The safe dumper, writing a float that would read back as grouped thousands with one
    more zero (``6.125`` as ``6.1250``), so a saved answer always reads back as saved."""

    def represent_float(self, data: float) -> Any:
        node = super().represent_float(data)
        if _GROUPED.fullmatch(node.value):
            node.value += "0"
        return node


_SafeDumper.add_representer(float, _SafeDumper.represent_float)


def dump(data: Any) -> str:
    text: str = yaml.dump(
        data, Dumper=_SafeDumper, allow_unicode=True, sort_keys=False, default_flow_style=False
    )
    return text


def problem_at(doc: Document, loc: Loc, message: Message) -> Problem:
    path = ".".join(str(p) for p in loc)
    return Problem(source=doc.source, message=message, line=doc.line_of(loc), path=path)
