"""The demo holds nothing dated after its own today (issue 12): built on any day of the
year, no payment, meeting or other record of it is dated later."""

from __future__ import annotations

from pathlib import Path


def test_the_demo_holds_nothing_after_its_today(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Payments, meetings and the rest: nothing dated after the day the demo was built,
    whatever day of the year that is."""
    from storage import catalogue, demo
    from storage.demo_dates import FUTURE_BY_NATURE
    from storage.store import Store

    for today in ("2026-01-03", "2026-03-05", "2026-11-05", "2026-12-31"):
        monkeypatch.setenv("TAIZHANG_TODAY", today)
        home = tmp_path / today
        demo.build(home, members=30).close()
        store = Store.open(home, readonly=True)
        late = []
        for reg in catalogue.registers():
            for record in store.records(reg.slug):
                for name, spec in reg.fields.items():
                    value = record.get(name)
                    if name in FUTURE_BY_NATURE or not isinstance(value, str):
                        continue
                    if spec.kind == "date" and value > today or spec.kind == "month" and value > today[:7]:
                        late.append((reg.slug, name, value))
        assert not late, (today, late[:5])
