"""What the paper tests share: a village with a little of everything, and the printed
files read back (poppler's pdftotext and pdftoppm, python-docx)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

LONG_SPEECH = "".join(f"第{i}點:抓好支部班子建設,落實三會一課制度,做好黨員教育管理和服務群眾工作。" for i in range(1, 80))


def tool(name: str) -> str:
    """A system program the test needs (poppler, LibreOffice): CI installs it (.ci/run), so
    there its absence fails the test; on a laptop without it the test is skipped, saying so."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{name} is missing: .ci/run installs it (poppler-utils, libreoffice-calc/-writer)")
    pytest.skip(f"{name} is not installed here (apt-get install poppler-utils libreoffice-calc libreoffice-writer)")


def pdf_pages(path: Path, layout: bool = True) -> list[str]:
    """The text of each page, as poppler reads it: laid out as on the page (a table's row on
    one line), or in the order it was drawn (a label that wraps in its box reads whole)."""
    out = subprocess.run([tool("pdftotext"), *(["-layout"] if layout else []), str(path), "-"],
                         capture_output=True, text=True, check=True)
    return out.stdout.split("\f")[:-1]


def pdf_page_sizes(path: Path) -> list[tuple[float, float]]:
    out = subprocess.run([tool("pdfinfo"), "-f", "1", "-l", "9999", str(path)], capture_output=True, text=True,
                         check=True).stdout
    sizes = []
    for line in out.splitlines():
        if line.startswith("Page") and "size:" in line:
            w, h = line.split("size:")[1].split("pts")[0].split("x")
            sizes.append((float(w), float(h)))
    return sizes


def tree_hashes(home: Path) -> dict[str, str]:
    return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(home.rglob("*")) if p.is_file()}


def village(home: Path, members: int = 40) -> dict[str, Any]:
    """The demo village, and records whose every word the tests look for."""
    from storage import demo
    from storage.store import Store

    demo.build(home, members=members)
    store = Store.open(home)
    branch = store.records("branches")[0]
    b = branch["id"]
    ids: dict[str, Any] = {"branch": branch["name"]}
    ids["member"] = store.add("members", {"name": "龐秋菊", "branch": b, "gender": "female", "phone": "13887400777",
                                          "id_number": "11010519491231002X", "joined_on": "1990-07-01",
                                          "post": "林業管護崗", "address": "大寨村三組12號"})["id"]
    other = store.add("members", {"name": "喬振東", "branch": b, "phone": "13887400888"})["id"]
    ids["card"] = store.add("mobile_members", {"member": other, "card_number": "LD-2026-09", "destination": "廣東東莞",
                                               "contact_away": "13912345678", "left_on": "2026-02-01"})["id"]
    ids["meeting"] = store.add("meetings", {
        "kind": "general", "held_on": "2026-11-12", "place": "村委會議室", "host": "龐秋菊", "recorder": "喬振東",
        "branch": b, "topic": "討論發展對象人選", "speeches": LONG_SPEECH, "decisions": "同意確定蔣麗華為發展對象",
        "attendance": [{"member": ids["member"]}, {"member": other, "status": "absent", "reason": "外出務工"}],
        "votes_for": 1, "votes_against": 0, "votes_abstain": 0,
    })["id"]
    store.add("dues", {"member": ids["member"], "period_from": "2026-11", "period_to": "2026-11", "amount": "12.50",
                       "paid_on": "2026-11-05", "branch": b})
    ids["applicant"] = store.add("applicants", {"name": "蔣麗華", "branch": b, "stage": "activist",
                                                "applied_on": "2025-09-01", "activist_on": "2026-11-10"})["id"]
    store.checkpoint()
    store.close()
    return ids
