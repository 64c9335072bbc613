"""The store's references and uniqueness: a name typed for a reference turned into the
record's id, references checked to point at live records, values that must be unique
kept so, and who still refers to a record (a delete is refused while anyone does).

Also how a register's model is walked for its reference fields — at the top level, in
lists, and in rows such as attendance — which the check and the sync use as well.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from storage import catalogue, index
from storage.journal import Change
from storage.messages import Problem, ValidationFailed
from storage.registers.base import Register
from storage.store_parts import StorePart


class References(StorePart):
    """The part of :class:`storage.store.Store` that resolves and checks references and
    keeps unique values unique."""

    def resolve_reference(self, register: str, text: str) -> str:
        """The id of the record of ``register`` that ``text`` names: an id, a unique id
        prefix, an exact name, or a search that finds exactly one."""
        reg = self.register(register)
        value = str(text).strip()
        table = self.table(reg.slug)
        if value in table and not table[value].get("_d"):
            return value  # the common case, and the only one a bulk import may hit 100,000 times
        live = {rid: r for rid, r in table.items() if not r.get("_d")}
        by_prefix = [rid for rid in live if len(value) >= 4 and rid.startswith(value.lower())]
        if len(by_prefix) == 1:
            return by_prefix[0]
        folded = index.simplify(value)
        named = [rid for rid, r in live.items() if index.simplify(self.name_of(reg.slug, r)) == folded]
        if not named:
            hits = index.find(self.home, value, register=reg.slug, limit=0)
            named = [h["id"] for h in hits if h["id"] in live]
        if len(named) == 1:
            return named[0]
        if not named:
            raise ValidationFailed(reg.slug, [Problem("", "reference_missing", {"value": value, "register": reg.slug})])
        shown = "、".join(f"{self.name_of(reg.slug, live[rid])}({self._branch_name(live[rid])}, {rid[:8]})" for rid in named[:5])
        details = {"value": value, "register": reg.slug, "count": len(named), "candidates": shown}
        raise ValidationFailed(reg.slug, [Problem("", "reference_ambiguous", details)])

    def _branch_name(self, record: Mapping[str, Any]) -> str:
        bid = record.get("branch")
        return self.name_of("branches", bid) if bid else self.organisation

    def _resolved(self, reg: Register, values: dict[str, Any]) -> dict[str, Any]:
        """References given by name (branch=第一支部, member=張桂英) turned into ids."""
        out = dict(values)
        problems: list[Problem] = []
        for name, target in reg.references.items():
            value = out.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            try:
                if isinstance(value, list):
                    out[name] = [self.resolve_reference(target, v) for v in value if str(v).strip()]
                else:
                    out[name] = self.resolve_reference(target, value)
            except ValidationFailed as failure:
                problems += [Problem(name, p.code, p.params) for p in failure.problems]
        for name, spec in reg.fields.items():  # references inside lists of rows (attendance)
            rows = out.get(name)
            if not spec.field_kind.member_rows or not isinstance(rows, list):
                continue
            fixed = []
            for row in rows:
                row = dict(row) if isinstance(row, Mapping) else {"member": row}
                try:
                    row["member"] = self.resolve_reference("members", row.get("member", ""))
                except ValidationFailed as failure:
                    problems += [Problem(name, p.code, p.params) for p in failure.problems]
                fixed.append(row)
            out[name] = fixed
        if problems:
            raise ValidationFailed(reg.slug, problems)
        return out

    def _inherit_branch(self, reg: Register, values: dict[str, Any]) -> None:
        """A record about a member belongs to that member's branch unless told otherwise;
        on a branch's copy, a new record belongs to that branch."""
        if reg.slug == "branches" or values.get("branch"):
            return
        for name, target in reg.references.items():
            if target == "members" and isinstance(values.get(name), str):
                member = self.table("members").get(values[name])
                if member and member.get("branch"):
                    values["branch"] = member["branch"]
                    return
        if self.settings.store.role == "branch" and self.settings.store.branch:
            values["branch"] = self.settings.store.branch

    def _check_references(self, reg: Register, data: Mapping[str, Any]) -> None:
        problems: list[Problem] = []
        for path, target in reference_paths(reg.model):
            live = self.table(target)
            for value in values_at(data, path):
                if value not in live or live[value].get("_d"):
                    problems.append(Problem(path[0], "reference_missing", {"value": value, "register": target}))
        if problems:
            raise ValidationFailed(reg.slug, problems)

    def _check_unique(
        self,
        reg: Register,
        data: Mapping[str, Any],
        own_id: str | None,
        also_taken: dict[str, set[Any]] | None = None,
    ) -> None:
        for name in reg.unique:
            value = data.get(name)
            if value is None:
                continue
            holder = self._unique_values(reg.slug, name).get(value)
            if holder is not None and holder != own_id:
                rec = self.table(reg.slug).get(holder)
                if rec is not None and not rec.get("_d") and rec.get(name) == value:
                    raise ValidationFailed(
                        reg.slug,
                        [Problem(name, "duplicate", {"name": self.name_of(reg.slug, rec), "id": holder[:8]})],
                    )
            if also_taken and value in also_taken.get(name, ()):
                raise ValidationFailed(reg.slug, [Problem(name, "duplicate", {"name": data.get(reg.name_field, ""), "id": "—"})])

    def _unique_values(self, slug: str, name: str) -> dict[Any, str]:
        """value → id of the live record holding it, built once and kept up to date."""
        key = (slug, name)
        cached = self._unique.get(key)
        if cached is None:
            cached = {}
            for rid, rec in self.table(slug).items():
                if not rec.get("_d") and rec.get(name) is not None:
                    cached[rec[name]] = rid
            self._unique[key] = cached
        return cached

    def _keep_unique(self, change: Change, record: Mapping[str, Any]) -> None:
        """After a change is applied: the value → id maps of its register follow it."""
        for (slug, name), cached in self._unique.items():
            if slug == change["reg"]:
                follow_unique(cached, name, record, change)

    def _forget_unique(self, touched: set[str]) -> None:
        """Changes read from the journal: those registers' maps are built again when next asked."""
        for key in [k for k in self._unique if k[0] in touched]:
            del self._unique[key]

    def referring_to(self, record_id: str, slug: str) -> list[tuple[Register, dict[str, Any]]]:
        """Live records that hold ``record_id`` in a reference field."""
        found: list[tuple[Register, dict[str, Any]]] = []
        for reg in catalogue.registers():
            paths = reference_paths(reg.model)
            if not any(target == slug for _, target in paths):
                continue
            for rec in self.table(reg.slug).values():
                if rec.get("_d") or rec["id"] == record_id:
                    continue
                for path, target in paths:
                    if target == slug and record_id in values_at(rec, path):
                        found.append((reg, rec))
                        break
        return found



def follow_unique(cached: dict[Any, str], name: str, record: Mapping[str, Any], change: Change) -> None:
    """Keep a value → id map right after one change, without scanning the map."""
    rid = change["rec"]
    old = change.get("fields", {}).get(name, [None])[0]
    if old is not None and cached.get(old) == rid:
        del cached[old]
    value = record.get(name)
    if record.get("_d"):
        if value is not None and cached.get(value) == rid:
            del cached[value]
    elif value is not None:
        cached[value] = rid


# -- walking a model's reference fields (top level, lists, and rows such as attendance) --


@cache
def reference_paths(model: Any) -> list[tuple[tuple[str, ...], str]]:
    from pydantic import BaseModel

    from storage.fields import Ref
    from storage.registers.base import annotation_metadata

    paths: list[tuple[tuple[str, ...], str]] = []
    for name, info in model.model_fields.items():
        meta, _ = annotation_metadata(info.annotation)
        ref = next((m.register for m in [*info.metadata, *meta] if isinstance(m, Ref)), None)
        if ref:
            paths.append(((name,), ref))
            continue
        for arg in inner_types(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                paths += [((name, *sub), target) for sub, target in reference_paths(arg)]
    return paths


def inner_types(annotation: Any) -> list[Any]:
    import typing

    out: list[Any] = []
    stack = [annotation]
    while stack:
        current = stack.pop()
        args = typing.get_args(current)
        if args:
            stack.extend(args)
        else:
            out.append(current)
    return out


def values_at(data: Any, path: tuple[str, ...]) -> list[str]:
    if not path:
        return [data] if isinstance(data, str) else []
    if isinstance(data, list):
        return [v for item in data for v in values_at(item, path)]
    if isinstance(data, Mapping):
        value = data.get(path[0])
        if value is None:
            return []
        if isinstance(value, list) and len(path) == 1:
            return [v for v in value if isinstance(v, str)]
        return values_at(value, path[1:])
    return []
