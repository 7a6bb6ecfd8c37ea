"""Safe YAML reading and atomic writing.

Loading composes the node tree once and constructs the data from it, so the same parse gives
both the values and, only when an error needs one, the line of any field. Only the safe
loader is used (libyaml when present); tags, alias bombs, duplicate keys, binary and
non-UTF-8 bytes and oversized files become ``InputError`` with a line number.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from modelo_servicio.domain.errors import InputError, Problem
from modelo_servicio.domain.i18n import active, t

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000

Loc = tuple[str | int, ...]


@dataclass
class Document:
    """One YAML document: its data and the node tree it came from."""

    source: str
    data: Any
    node: yaml.Node | None
    index: int = 0

    def line_of(self, loc: Loc) -> int | None:
        """1-based line of the deepest node reachable along ``loc``."""
        node = self.node
        if node is None:
            return None
        line: int = node.start_mark.line + 1
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
            line = (key_node or node).start_mark.line + 1
        return line

    def key_line(self, loc: Loc) -> int | None:
        """Line of the key itself (for unknown keys) rather than of its value."""
        return self.line_of(loc)


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return key_node, value_node
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        return None, node.value[part]
    return None


def read_text(path: Path, source: str | None = None, max_bytes: int = MAX_BYTES) -> str:
    """Read a file as UTF-8 text, refusing what is not text or too big."""
    name = source or str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(t("yaml.is_folder", active(), name=name))
        if size > max_bytes:
            raise InputError(t("yaml.too_large", active(), name=name, size=size, limit=max_bytes))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(t("yaml.not_found", active(), name=name)) from None
    except PermissionError:
        raise InputError(t("yaml.permission", active(), name=name)) from None
    except IsADirectoryError:
        raise InputError(t("yaml.is_folder", active(), name=name)) from None
    except OSError as exc:
        raise InputError(t("yaml.unreadable", active(), name=name, reason=exc.strerror)) from None
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError(t("yaml.binary", active(), name=name, line=line))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            t("yaml.not_utf8", active(), name=name, line=line, byte=f"0x{raw[exc.start]:02x}")
        ) from None


def parse(text: str, source: str) -> list[Document]:
    """Parse every document in ``text`` safely."""
    return list(iter_documents(text, source))


def iter_documents(text: str, source: str) -> Iterator[Document]:
    """Every document in ``text``, each checked for alias bombs and duplicate keys.

    A short text without aliases or tags (``_plain``: nearly every profile) is a plain tree,
    so it is checked while it is built (``_QuickLoader``), which costs little more than the
    bare parse. At the first doubt (a duplicate key, a merge key, too many nodes, any
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
    except yaml.YAMLError as exc:
        raise InputError(t("yaml.invalid", active(), where=source, problem=str(exc))) from None
    except RecursionError:
        raise InputError(t("yaml.too_deep", active(), name=source)) from None


def _plain(text: str) -> bool:
    """No aliases (``*name``) and no tags (``!``, ``!!type``, ``%TAG``), so every node is
    built once and by the plain mapping, sequence and scalar constructors; and short, so
    that no tree near ``MAX_NODES`` gets built before it is refused."""
    return len(text) <= MAX_NODES // 4 and "*" not in text and "!" not in text


def _checked(text: str, source: str, skip: int = 0) -> Iterator[Document]:
    """Documents from number ``skip`` on, each node graph checked before it is built."""
    loader = _Loader(text)
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
    index = 0
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:  # pragma: no cover - check_node guarantees one
                break
            loader.nodes = 1
            try:
                data = loader.construct_document(node)
            except Exception:  # any doubt: ``_checked`` gives the exact error
                break
            if loader.nodes > MAX_NODES:
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


class _QuickLoader(_Loader):  # type: ignore[misc]
    """The safe loader, counting nodes and refusing duplicate and merge keys as it builds.

    Without aliases or tags every mapping is built through ``construct_mapping`` and every
    sequence through ``construct_sequence``, so these two see the whole tree: the same
    mappings ``_check_tree`` would look at, before merge keys (refused here) could change
    them."""

    nodes = 0

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
            self.nodes += 2 * len(node.value)
        return super().construct_mapping(node, deep=deep)

    def construct_sequence(self, node: yaml.Node, deep: bool = False) -> Any:
        if isinstance(node, yaml.SequenceNode):
            self.nodes += len(node.value)
        return super().construct_sequence(node, deep=deep)


def _yaml_message(exc: yaml.MarkedYAMLError, source: str) -> str:
    mark = exc.problem_mark or exc.context_mark
    where = f"{source}:{mark.line + 1}" if mark else source
    problem = exc.problem or "syntax error"
    if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
        tag = problem.split("tag", 1)[1].strip(" '").replace("tag:yaml.org,2002:", "!!")
        return t("yaml.tag", active(), where=where, tag=tag)
    context = f" {exc.context}" if exc.context else ""
    return t("yaml.invalid", active(), where=where, problem=f"{problem}{context}")


def _check_tree(root: yaml.Node, source: str) -> None:
    """Reject alias bombs and duplicate keys, in time linear in the node graph."""
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
        if total > MAX_NODES:
            line = node.start_mark.line + 1
            raise InputError(t("yaml.bomb", active(), name=source, line=line, limit=MAX_NODES))
        sizes[key] = total


def _check_duplicates(node: yaml.MappingNode, source: str) -> None:
    seen: dict[str, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        line = key_node.start_mark.line + 1
        if key_node.value in seen:
            raise InputError(
                t(
                    "yaml.duplicate_key",
                    active(),
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
        raise InputError(t("yaml.empty", active(), name=name))
    if len(docs) > 1:
        line = docs[1].line_of(())
        raise InputError(t("yaml.several", active(), name=name, line=line, count=len(docs)))
    return docs[0]


def dump(data: Any) -> str:
    text: str = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False
    )
    return text


def atomic_write(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or raw bytes, e.g. a PDF) so that readers see the old file or the new
    one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        Path(tmp).chmod(_mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask
    (``mkstemp`` alone would leave reports readable by their owner only)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def problem_at(doc: Document, loc: Loc, message: str) -> Problem:
    path = ".".join(str(p) for p in loc)
    return Problem(source=doc.source, message=message, line=doc.line_of(loc), path=path)
