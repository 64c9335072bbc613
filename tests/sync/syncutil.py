"""An organisation of copies in one process, for the sync tests: a master, branches
enrolled through real enrolment files, bundles as real files."""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path
from typing import Any

from storage import catalogue
from storage.store import Store
from sync import enrol
from sync.keys import Keyring
from sync.merge import Plan, merge
from sync.outgoing import export, peers_of

ORG = "測試村黨總支"


def share_everything(home: Path) -> None:
    with open(home / "settings.toml", "a", encoding="utf-8") as f:
        f.write('\n[sync]\nshare = ["*"]\n')


class Org:
    """Copies by name: "m" the master, then one per branch ("b1", "b2" …)."""

    def __init__(self, root: Path, branches: tuple[str, ...] = ("第一支部", "第二支部"), *, share: bool = False) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        master = Store.create(root / "m", organisation=ORG, branches=list(branches))
        if share:
            share_everything(master.home)
            master = Store.open(master.home)
        self.stores: dict[str, Store] = {"m": master}
        self.branch_names = {f"b{n}": name for n, name in enumerate(branches, start=1)}
        self.counter = itertools.count(1)
        for short in self.branch_names:
            self.enrol(short)

    def enrol(self, short: str, home: Path | None = None) -> Store:
        master = self.stores["m"]
        file = self.root / f"{short}-{next(self.counter)}.enrol"
        code = enrol.add_branch(master, self.branch_names[short], file)[3]
        store, _, _ = enrol.join(home or self.root / f"{short}-{next(self.counter)}", file, code)
        self.stores[short] = store
        return store

    def __getitem__(self, short: str) -> Store:
        return self.stores[short]

    def branch_id(self, short: str) -> str:
        return self.stores["m"].resolve_reference("branches", self.branch_names[short])

    def keyring(self, short: str) -> Keyring:
        return Keyring.load(self.stores[short].home)

    def peer(self, src: str, dst: str) -> Any:
        store = self.stores[src]
        wanted = self.stores[dst].settings.store.copy_id
        return next(p for p in peers_of(store, self.keyring(src)) if p.copy == wanted)

    def export(self, src: str, dst: str, *, full: bool = False, name: str | None = None) -> Path:
        path = self.root / "bundles" / (name or f"{src}-to-{dst}-{next(self.counter)}.tzb")
        export(self.stores[src], self.keyring(src), self.peer(src, dst), path, full=full)
        return path

    def merge(self, dst: str, *paths: Path, dry_run: bool = False) -> Plan:
        plan, _ = merge(self.stores[dst], self.keyring(dst), list(paths), dry_run=dry_run)
        return plan

    def send(self, src: str, dst: str) -> Plan:
        return self.merge(dst, self.export(src, dst))

    def exchange_all(self, rounds: int = 2) -> None:
        branches = [s for s in self.stores if s != "m"]
        for _ in range(rounds):
            for b in branches:
                self.send(b, "m")
            for b in branches:
                self.send("m", b)


def records(store: Store) -> dict[str, Any]:
    """Every register as ``taizhang list --json`` shows it, plus the ids deleted."""
    store.refresh()
    out: dict[str, Any] = {}
    for reg in catalogue.registers():
        table = store.table(reg.slug)
        live = sorted(({k: v for k, v in r.items() if not k.startswith("_")} for r in table.values() if not r.get("_d")),
                      key=lambda r: r["id"])
        gone = sorted(rid for rid, r in table.items() if r.get("_d"))
        if live or gone:
            out[reg.slug] = {"live": live, "deleted": gone}
    return out


def home_digest(home: Path) -> dict[str, str]:
    """Every file of a home and its SHA-256 (to prove a refusal changed nothing)."""
    return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(home.rglob("*")) if p.is_file()}
