"""Helpers for op-database case files (not a family: gen_opdb skips ``_`` files).

A case file does ``from _cases import CaseList, arr`` (after putting this folder at the end of ``sys.path``),
builds ``CASES = CaseList()`` and adds cases with ``CASES.add(id, op, inputs, kwargs, **extra)``.
"""


class CaseList(list):
    """The module-level ``CASES`` list, with ``add`` writing one case dict in the harness format."""

    def add(self, cid, op, inputs, kwargs=None, **extra):
        add_case(self, cid, op, inputs, kwargs, **extra)


def arr(values, dtype="float32"):
    """The ``("array", values, dtype)`` input spec."""
    return ("array", values, dtype)


def add_case(cases, cid, op, inputs, kwargs=None, **extra):
    """Append one case dict in the harness format to ``cases``."""
    case = dict(id=cid, op=op, inputs=inputs, kwargs=kwargs or {})
    case.update(extra)
    cases.append(case)


def case(cid, op, inputs, kwargs=None, grad=(), **extra):
    """One case dict with the inputs whose gradients are checked (``grad``), returned, not appended."""
    return dict(id=cid, op=op, inputs=list(inputs), kwargs=kwargs or {}, grad=list(grad), **extra)


def normal(*shape, dtype="float32"):
    """The ``("normal", shape, dtype)`` input spec."""
    return ("normal", shape, dtype)


def uniform(lo, hi, *shape, dtype="float32"):
    """The ``("uniform", shape, lo, hi, dtype)`` input spec."""
    return ("uniform", shape, lo, hi, dtype)
