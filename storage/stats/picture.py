"""``taizhang stats --to FILE.png|FILE.svg``: the charts on one page, for a report or a
chat group, drawn by matplotlib (imported here only: it costs a second, and neither the
app's start nor ``taizhang find`` pays it).

The Chinese text is drawn with the font the program ships (storage.fonts.CJK_FONT, Noto
Sans CJK SC under the SIL OFL), so the picture is the same on a fresh laptop with no
Chinese font; an SVG carries the letters' outlines, so it shows the same anywhere.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.i18n import HANT, Text

if TYPE_CHECKING:
    from storage.store import Store

T = Text
TITLE = T("{name} 黨內統計 截至 {on}", "{name} 党内统计 截至 {on}", "{name}: party statistics as of {on}")
SUBTITLE = T("黨員 {total} 名(上年同期 {before} 名),女 {women}%,少數民族 {minority}%,大專及以上 {college}%",
             "党员 {total} 名(上年同期 {before} 名),女 {women}%,少数民族 {minority}%,大专及以上 {college}%",
             "{total} members ({before} a year before); women {women}%, minorities {minority}%, college {college}%")
PYRAMID = T("年齡結構", "年龄结构", "Age pyramid")
MEN = T("男", "男", "men")
WOMEN = T("女", "女", "women")
BRANCHES = T("各支部黨員人數", "各支部党员人数", "Members per branch")
THIS_YEAR = T("本期", "本期", "now")
YEAR_BEFORE = T("上年同期", "上年同期", "a year before")
DUES = T("黨費按月收繳(元)", "党费按月收缴(元)", "Dues by month (yuan)")
COLLECTED = T("實收", "实收", "collected")
STANDARD = T("應收", "应收", "standard")
MEETINGS = T("會議(按月、類型)", "会议(按月、类型)", "Meetings by month and type")
HELD = T("已開", "已开", "held")
MISSED = T("到期未開", "到期未开", "due, not held")
BAD_PICTURE = T("圖片文件應以 .png 或 .svg 結尾:{path}", "图片文件应以 .png 或 .svg 结尾:{path}",
                "A picture is a .png or an .svg file: {path}")


def _figure(data: dict[str, Any], section: str, key: str) -> dict[str, Any]:
    found: dict[str, Any] = next(f for f in data["figures"] if f["section"] == section and f["key"] == key)
    return found


def draw(store: Store, target: str | Path, *, lang: str = HANT, on: date | None = None,
         branch: str | None = None) -> Path:
    """Write the charts of the statistics as of ``on`` to a PNG or SVG file."""
    import matplotlib

    matplotlib.use("Agg")  # no window, no display: a file
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    from storage.files import write_atomic
    from storage.fonts import CJK_FONT
    from storage.messages import StoreError
    from storage.stats import statistics

    path = Path(target)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise StoreError(BAD_PICTURE, path=str(path))
    font_manager.fontManager.addfont(str(CJK_FONT))
    # The name matplotlib reads from the file (the subset calls itself "… Regular").
    matplotlib.rcParams["font.family"] = [font_manager.FontProperties(fname=str(CJK_FONT)).get_name(), "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False  # the font's own hyphen for a minus
    matplotlib.rcParams["svg.fonttype"] = "path"

    report = statistics(store, on, branch=branch)
    scope = report.scopes[0] if branch is None else report.scope(branch)
    data = scope.to_json(lang)
    fig = Figure(figsize=(11.69, 8.27), dpi=100)  # A4 across
    fig.suptitle(TITLE(lang, name=scope.name, on=report.on.isoformat()), fontsize=18, y=0.975)  # one weight shipped: regular
    total = _figure(data, "total", "members")
    fig.text(0.5, 0.915, SUBTITLE(lang, total=total["count"], before=total["previous"],
                                  women=_figure(data, "women", "women")["share"],
                                  minority=_figure(data, "minority", "minority")["share"],
                                  college=_figure(data, "education", "college")["share"]),
             ha="center", fontsize=11, color="#444444")
    grid = fig.add_gridspec(2, 2, left=0.08, right=0.97, top=0.86, bottom=0.07, hspace=0.38, wspace=0.28)

    ax = fig.add_subplot(grid[0, 0])
    bands = [b["band"] for b in data["pyramid"]]
    men = [b["men"] for b in data["pyramid"]]
    women = [b["women"] for b in data["pyramid"]]
    ax.barh(bands, [-m for m in men], color="#3b6fb6", label=MEN(lang))
    ax.barh(bands, women, color="#c8508a", label=WOMEN(lang))
    top = max(men + women + [1])
    ax.set_xlim(-top * 1.25, top * 1.25)
    for y, (m, w) in enumerate(zip(men, women)):
        ax.text(-m - top * 0.03, y, str(m), va="center", ha="right", fontsize=8)
        ax.text(w + top * 0.03, y, str(w), va="center", ha="left", fontsize=8)
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xticks([])
    ax.set_title(PYRAMID(lang))
    ax.legend(loc="lower right", fontsize=8, frameon=False)

    ax = fig.add_subplot(grid[0, 1])
    shown = report.scopes[1:] if branch is None else [scope]
    names = [s.name for s in shown]
    now = [int(s.now.value("total", "members")) for s in shown]
    before = [int(s.before.value("total", "members")) for s in shown]
    places = list(range(len(names)))
    ax.bar([p - 0.2 for p in places], before, width=0.4, color="#b0b0b0", label=YEAR_BEFORE(lang))
    ax.bar([p + 0.2 for p in places], now, width=0.4, color="#3b6fb6", label=THIS_YEAR(lang))
    for p, n in zip(places, now):
        ax.text(p + 0.2, n, str(n), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(places, names, fontsize=9)
    ax.set_ylim(0, max(now + before + [1]) * 1.3)  # room for the legend above the bars
    ax.set_title(BRANCHES(lang))
    ax.legend(fontsize=8, frameon=False, ncol=2, loc="upper left")

    ax = fig.add_subplot(grid[1, 0])
    months = [m["month"][5:] for m in data["dues"]]
    ax.bar(months, [float(m["collected"]) for m in data["dues"]], color="#4a9a5b", label=COLLECTED(lang))
    ax.plot(months, [float(m["standard"]) for m in data["dues"]], color="#d08a1e", marker="o", markersize=3,
            label=STANDARD(lang))
    ax.set_title(DUES(lang))
    ax.legend(fontsize=8, frameon=False)

    ax = fig.add_subplot(grid[1, 1])
    strip_months = sorted({m["month"] for m in data["meetings"]})
    kinds: list[str] = []
    labels: dict[str, str] = {}
    for m in data["meetings"]:
        if m["kind"] not in labels:
            kinds.append(m["kind"])
            labels[m["kind"]] = m["label"]
    where = {(m["kind"], m["month"]): m for m in data["meetings"]}
    for row, kind in enumerate(kinds):
        for column, month in enumerate(strip_months):
            cell = where.get((kind, month))
            if cell is None:
                continue
            if cell["missed"]:
                ax.scatter(column, row, marker="x", color="#c0392b", s=30)
            elif cell["held"]:
                ax.scatter(column, row, marker="o", color="#4a9a5b", s=18 + 10 * min(cell["held"], 4))
    ax.set_xticks(range(len(strip_months)), [m[5:] for m in strip_months], fontsize=8)
    ax.set_yticks(range(len(kinds)), [labels[k] for k in kinds], fontsize=8)
    ax.set_xlim(-0.6, max(len(strip_months), 1) - 0.4)
    ax.set_ylim(len(kinds) - 0.5, -0.5)
    ax.grid(True, color="#eeeeee")
    ax.set_axisbelow(True)
    ax.scatter([], [], marker="o", color="#4a9a5b", label=HELD(lang))
    ax.scatter([], [], marker="x", color="#c0392b", label=MISSED(lang))
    ax.legend(fontsize=8, frameon=False, ncol=2, loc="upper center", bbox_to_anchor=(0.5, -0.07))
    ax.set_title(MEETINGS(lang))

    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, facecolor="white")
    write_atomic(path, buffer.getvalue())
    return path
