"""The rule condition language: typed trees compiled once, evaluated many times.

A condition is ``{all: [...]}``, ``{any: [...]}``, ``{not: {...}}`` or a comparison
``{field: PATH, OP: VALUE}`` with OP one of eq, ne, in, not_in, gt, gte, lt, lte, between,
contains. PATH is a profile field (``customers.ticket``), a derived fact (``facts.live_share``)
or a custom answer (``extra.KEY``). Compilation checks every path, operator and value against
the field's type; nothing is ever evaluated as code.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from modelo_servicio.domain.fields import FieldType
from modelo_servicio.domain.i18n import active, did_you_mean, t

COMPARISONS = ("eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte", "between", "contains")
ORDER_OPS = ("gt", "gte", "lt", "lte", "between")
OPS_BY_KIND: dict[str, tuple[str, ...]] = {
    "enum": ("eq", "ne", "in", "not_in"),
    "bool": ("eq", "ne"),
    "int": ("eq", "ne", "in", "not_in", *ORDER_OPS),
    "float": ("eq", "ne", *ORDER_OPS),
    "str": ("eq", "ne", "in", "not_in"),
    "list": ("contains",),
    "any": COMPARISONS,
}

Loc = tuple[str | int, ...]


class CompileError(Exception):
    """A condition that does not compile: where in the rule, and why in the active language."""

    def __init__(self, loc: Loc, key: str, **params: Any) -> None:
        message = t(key, active(), **params)
        super().__init__(message)
        self.loc = loc
        self.message = message


Predicate = Callable[[Mapping[str, Any]], bool]
Reduced = tuple[Callable[..., Any], tuple[Any, ...]]
"""How a node pickles: its class and its data (the compiled test is rebuilt on loading)."""


@dataclass(frozen=True)
class Leaf:
    """A comparison, compiled into ``test`` when built: the one way a condition is evaluated
    (scoring, robustness, examples, explain and the interview all call ``test``)."""

    path: str
    op: str
    value: Any
    type: FieldType
    test: Predicate = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "test", _leaf_predicate(self))

    def __reduce__(self) -> Reduced:
        """Pickled as data; the closure is compiled again on loading."""
        return (Leaf, (self.path, self.op, self.value, self.type))

    def describe(self) -> str:
        value = self.value
        if isinstance(value, list):
            value = "[" + ", ".join(_show(v) for v in value) + "]"
        else:
            value = _show(value)
        return f"{self.path} {self.op} {value}"


@dataclass(frozen=True)
class All:
    children: tuple[Node, ...]
    test: Predicate = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tests = tuple(child.test for child in self.children)

        def every(ctx: Mapping[str, Any]) -> bool:
            for test in tests:  # noqa: SIM110 - all() of a generator costs more per call
                if not test(ctx):
                    return False
            return True

        object.__setattr__(self, "test", every)

    def __reduce__(self) -> Reduced:
        return (All, (self.children,))


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Node, ...]
    test: Predicate = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tests = tuple(child.test for child in self.children)

        def some(ctx: Mapping[str, Any]) -> bool:
            for test in tests:  # noqa: SIM110 - any() of a generator costs more per call
                if test(ctx):
                    return True
            return False

        object.__setattr__(self, "test", some)

    def __reduce__(self) -> Reduced:
        return (AnyOf, (self.children,))


@dataclass(frozen=True)
class Not:
    child: Node
    test: Predicate = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        inner = self.child.test
        object.__setattr__(self, "test", lambda ctx: not inner(ctx))

    def __reduce__(self) -> Reduced:
        return (Not, (self.child,))


Node = Leaf | All | AnyOf | Not


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def show_value(value: Any) -> str:
    """A value a rule read, as explanations and the score table show it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "—" if value is None else str(value)


def evaluate(node: Node, ctx: Mapping[str, Any]) -> bool:
    """Whether ``ctx`` satisfies ``node`` (its compiled ``test``)."""
    return node.test(ctx)


_ORDER: dict[str, Callable[[Any, Any], Any]] = {
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


def _leaf_predicate(leaf: Leaf) -> Predicate:
    """The comparison as a closure: the operator is chosen and an ordered enum's ranks are
    looked up once, not at every test (scoring and robustness test rules tens of thousands of
    times per batch). A missing value satisfies only ``ne`` and ``not_in``; a value of the
    wrong type satisfies nothing."""
    path, op, expected, kind = leaf.path, leaf.op, leaf.value, leaf.type
    when_missing = op in ("ne", "not_in")
    compare: Callable[[Any], bool]
    if kind.kind == "enum" and kind.ordered and op in ORDER_OPS:
        ranks = {v: i for i, v in enumerate(kind.values)}
        ranked = [ranks[v] for v in expected] if op == "between" else ranks[expected]
        inner = _plain_compare(op, ranked)

        def compare(actual: Any) -> bool:
            rank = ranks.get(actual)
            if rank is None:
                raise ValueError(actual)
            return inner(rank)

    else:
        compare = _plain_compare(op, expected)

    def test(ctx: Mapping[str, Any]) -> bool:
        actual = ctx.get(path)
        if actual is None:
            return when_missing
        try:
            return compare(actual)
        except (TypeError, ValueError):
            return False

    return test


def _plain_compare(op: str, expected: Any) -> Callable[[Any], bool]:
    if op == "eq":
        return lambda actual: bool(actual == expected)
    if op == "ne":
        return lambda actual: bool(actual != expected)
    if op in ("in", "not_in"):
        options = tuple(expected)
        if op == "in":
            return lambda actual: actual in options
        return lambda actual: actual not in options
    if op == "contains":
        return lambda actual: isinstance(actual, list) and expected in actual
    if op == "between":
        lo, hi = expected
        return lambda actual: not isinstance(actual, bool) and bool(lo <= actual <= hi)
    order = _ORDER[op]
    return lambda actual: not isinstance(actual, bool) and bool(order(actual, expected))


def paths(node: Node) -> list[str]:
    """Every field the condition reads, in order, without repeats."""
    out: list[str] = []

    def walk(n: Node) -> None:
        if isinstance(n, Leaf):
            if n.path not in out:
                out.append(n.path)
        elif isinstance(n, All | AnyOf):
            for c in n.children:
                walk(c)
        else:
            walk(n.child)

    walk(node)
    return out


@dataclass(frozen=True)
class Failure:
    """One comparison that decided a rule did not fire."""

    leaf: Leaf
    actual: Any
    negated: bool = False

    def describe(self) -> str:
        prefix = "not " if self.negated else ""
        return f"{prefix}{self.leaf.describe()}"


def failures(node: Node, ctx: Mapping[str, Any], negated: bool = False) -> list[Failure]:
    """The comparisons that made ``node`` false (or true, under ``not``), found with the
    nodes' own compiled tests: empty exactly when ``node.test(ctx)`` holds."""
    if node.test(ctx) != negated:
        return []
    if isinstance(node, Leaf):
        return [Failure(node, ctx.get(node.path), negated)]
    if isinstance(node, Not):
        return failures(node.child, ctx, not negated)
    # a group that failed: each child that failed too (any and all alike, since a child that
    # held has no failures of its own)
    return [f for c in node.children for f in failures(c, ctx, negated)]


def compile_condition(raw: Any, types: dict[str, FieldType], loc: Loc = ("when",)) -> Node:
    """Check ``raw`` against the field types and build the tree, or raise ``CompileError``."""
    if not isinstance(raw, dict) or not raw:
        raise CompileError(loc, "rules.cond.not_mapping")
    if "field" not in raw:
        if len(raw) != 1:
            raise CompileError(loc, "rules.cond.one_group")
        key, value = next(iter(raw.items()))
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                raise CompileError((*loc, key), "rules.cond.group_list", condition=key)
            children = tuple(
                compile_condition(c, types, (*loc, key, i)) for i, c in enumerate(value)
            )
            return All(children) if key == "all" else AnyOf(children)
        if key == "not":
            return Not(compile_condition(value, types, (*loc, "not")))
        raise CompileError(
            loc, "rules.cond.unknown", condition=key, operators="/".join(COMPARISONS)
        )
    return _compile_leaf(raw, types, loc)


def _compile_leaf(raw: dict[str, Any], types: dict[str, FieldType], loc: Loc) -> Leaf:
    path = raw["field"]
    if not isinstance(path, str):
        raise CompileError((*loc, "field"), "rules.cond.field_path")
    ops = [k for k in raw if k != "field"]
    if len(ops) != 1:
        raise CompileError(loc, "rules.cond.one_operator", operators=", ".join(COMPARISONS))
    op = ops[0]
    if op not in COMPARISONS:
        near = did_you_mean(str(op), COMPARISONS)
        raise CompileError((*loc, op), "rules.cond.unknown_operator", op=op, hint=near)
    kind = _type_of(path, types, (*loc, "field"))
    allowed = OPS_BY_KIND[kind.kind]
    if kind.kind == "enum" and kind.ordered:
        allowed = (*allowed, *ORDER_OPS)
    if op not in allowed:
        raise CompileError(
            (*loc, op),
            "rules.cond.operator_type",
            op=op,
            path=path,
            kind=kind.kind,
            operators=", ".join(allowed),
        )
    value = _check_value(op, raw[op], kind, path, (*loc, op))
    return Leaf(path=path, op=op, value=value, type=kind)


def _type_of(path: str, types: dict[str, FieldType], loc: Loc) -> FieldType:
    if path.startswith("extra.") and len(path) > len("extra."):
        return FieldType("any")
    found = types.get(path)
    if found is None:
        near = did_you_mean(path, list(types), cutoff=0.7)
        raise CompileError(loc, "rules.cond.unknown_field", path=path, hint=near)
    return found


def _check_value(op: str, value: Any, kind: FieldType, path: str, loc: Loc) -> Any:
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value:
            raise CompileError(loc, "rules.cond.value_list", op=op)
        return [_check_scalar(v, kind, path, (*loc, i)) for i, v in enumerate(value)]
    if op == "between":
        if not isinstance(value, list) or len(value) != 2:
            raise CompileError(loc, "rules.cond.between_pair")
        pair = [_check_scalar(v, kind, path, (*loc, i)) for i, v in enumerate(value)]
        lo, hi = (kind.rank(v) for v in pair) if kind.kind == "enum" else pair
        if lo > hi:
            raise CompileError(loc, "rules.cond.between_order", low=pair[0], high=pair[1])
        return pair
    if op == "contains":
        if kind.item_values and value not in kind.item_values:
            raise _enum_error(loc, value, kind.item_values, path)
        if not isinstance(value, str):
            raise CompileError(loc, "rules.cond.contains_text")
        return value
    return _check_scalar(value, kind, path, loc)


def _check_scalar(value: Any, kind: FieldType, path: str, loc: Loc) -> Any:
    if kind.kind == "any":
        if isinstance(value, dict | list):
            raise CompileError(loc, "rules.cond.single_value")
        return value
    if kind.kind == "enum":
        if str(value) not in kind.values or isinstance(value, bool):
            raise _enum_error(loc, value, kind.values, path)
        return str(value)
    if kind.kind == "bool":
        if not isinstance(value, bool):
            raise CompileError(loc, "rules.cond.yes_no", path=path)
        return value
    if kind.numeric:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise CompileError(loc, "rules.cond.number", path=path, value=repr(value))
        return value
    if not isinstance(value, str):
        raise CompileError(loc, "rules.cond.text", path=path, value=repr(value))
    return value


def _enum_error(loc: Loc, value: Any, options: tuple[str, ...], path: str) -> CompileError:
    return CompileError(
        loc,
        "rules.cond.enum_value",
        value=value,
        path=path,
        options=", ".join(options),
        hint=did_you_mean(str(value), options),
    )


# --- satisfiability (for "this rule can never fire" warnings) ---------------------------

Domain = frozenset[Any] | tuple[float, float]


def never_fires(node: Node) -> bool:
    """True when no profile can satisfy ``node`` (approximate: ``not`` counts as satisfiable)."""
    return not _satisfiable(node)


def _satisfiable(node: Node) -> bool:
    if isinstance(node, Leaf):
        return _leaf_domain(node) != frozenset() and _interval_ok(_leaf_domain(node))
    if isinstance(node, Not):
        return True
    if isinstance(node, AnyOf):
        return any(_satisfiable(c) for c in node.children)
    if not all(_satisfiable(c) for c in node.children):
        return False
    merged: dict[str, Domain] = {}
    for child in node.children:
        if not isinstance(child, Leaf):
            continue
        domain = _leaf_domain(child)
        if domain is None:
            continue
        previous = merged.get(child.path)
        merged[child.path] = domain if previous is None else _intersect(previous, domain)
    return all(d != frozenset() and _interval_ok(d) for d in merged.values())


def _interval_ok(domain: Domain | None) -> bool:
    if isinstance(domain, tuple):
        return domain[0] <= domain[1]
    return True


def _intersect(a: Domain, b: Domain) -> Domain:
    if isinstance(a, frozenset) and isinstance(b, frozenset):
        return a & b
    if isinstance(a, tuple) and isinstance(b, tuple):
        return (max(a[0], b[0]), min(a[1], b[1]))
    return a


_EPS = 1e-9


def _leaf_domain(leaf: Leaf) -> Domain | None:
    kind = leaf.type
    if kind.kind in ("enum", "bool"):
        universe = frozenset(kind.values) if kind.kind == "enum" else frozenset({True, False})
        v = leaf.value
        if leaf.op == "eq":
            return universe & {v}
        if leaf.op == "ne":
            return universe - {v}
        if leaf.op == "in":
            return universe & set(v)
        if leaf.op == "not_in":
            return universe - set(v)
        ranks = {kind.rank(x): x for x in kind.values}
        lo, hi = _bounds_for(leaf.op, v, kind)
        return frozenset(x for r, x in ranks.items() if lo <= r <= hi)
    if kind.numeric:
        lo = kind.lo if kind.lo is not None else float("-inf")
        hi = kind.hi if kind.hi is not None else float("inf")
        if leaf.op in ORDER_OPS:
            a, b = _bounds_for(leaf.op, leaf.value, kind)
            return (max(lo, a), min(hi, b))
        if leaf.op == "eq":
            return (max(lo, leaf.value), min(hi, leaf.value))
        if leaf.op == "in":
            inside = [x for x in leaf.value if lo <= x <= hi]
            return (min(inside), max(inside)) if inside else (1.0, 0.0)
    return None


def _bounds_for(op: str, value: Any, kind: FieldType) -> tuple[float, float]:
    def num(x: Any) -> float:
        return float(kind.rank(x)) if kind.kind == "enum" else float(x)

    step = 1.0 if kind.kind in ("enum", "int") else _EPS
    if op == "between":
        return (num(value[0]), num(value[1]))
    v = num(value)
    return {
        "gt": (v + step, float("inf")),
        "gte": (v, float("inf")),
        "lt": (float("-inf"), v - step),
        "lte": (float("-inf"), v),
    }[op]
