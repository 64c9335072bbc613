"""The screens' speed, each figure beside its reference measured in the same run.

    python benchmarks/tui_bench.py [--home DIR] [--repeat 5] [--reference-rows N]

(also run by ``benchmarks/run.py``). Builds (or reuses) demo stores of 300 and 100,000
members under the temporary folder, then measures:

- **time to first screen** at 300 members: ``taizhang`` from process start to its home
  painted (headless), against a bare Textual app of the same widgets with the same text
  typed in (goal: at most 1.3 times);
- **first paint of the 100,000-member roll**: from opening the register to its first frame,
  with the records still on disk (cold: the screen paints the head of the file while the
  rest is read) and in memory (warm), against a plain DataTable given every row (about
  9 s; ``--reference-rows`` measures fewer rows and says so);
- **one filter keystroke** at 100,000 and at 300 members: from the key to its frame, for
  each key of ``zgy`` (goal: under 50 ms);
- **bytes written to the terminal** for one filter keystroke: the real program in a
  pseudo-terminal of 80×24 (goal: under 2 KB);
- **peak memory** (max RSS) of each of those processes.

Medians of ``--repeat`` runs. Shared machines are noisy: read the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZE = (80, 24)


# -- stores ------------------------------------------------------------------------------


def demo_store(members: int, home: Path | None = None) -> Path:
    home = home or Path(tempfile.gettempdir()) / f"taizhang-bench-{members}"
    if not (home / "settings.toml").exists():
        print(f"building a demo store of {members} members in {home} …", flush=True)
        subprocess.run([sys.executable, "-m", "tui.cli", "demo", "--no-tui", "--members", str(members),
                        "--home", str(home)], check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=child_env())
    return home


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "TAIZHANG_TODAY": os.environ.get("TAIZHANG_TODAY", "2026-11-26"),
            "TEXTUAL_ANIMATIONS": "none", "LANG": "zh_TW.UTF-8"}


def child(mode: str, *args: str) -> dict:
    env = {**child_env(), "TZ_BENCH_LAUNCH": repr(time.time())}
    out = subprocess.run([sys.executable, __file__, "--child", mode, *args], capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=900)
    if out.returncode != 0:
        raise RuntimeError(f"{mode} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def maxrss_mb() -> float:
    """This process's peak resident memory. On Linux from VmHWM: getrusage would also
    count the pages this process shared, before its exec, with the big process that
    started it (benchmarks/run.py after the sync benchmark: 1.4 GB for every figure)."""
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- children: each measures one thing in a process of its own ---------------------------


def since_launch() -> float:
    """Seconds since the parent started this process (the clock every process shares)."""
    return time.time() - float(os.environ["TZ_BENCH_LAUNCH"])


def first_screen_ours(home: str) -> None:
    """The real entry point's app, headless: when its home is first handed to the
    terminal, and when its counts (read from the store opened behind it) are."""
    from tui.app import TaizhangApp
    from tui.screens import home as home_screen

    home_screen.plan_items = lambda store: []  # the plan's rules are another module's cost
    marks: dict = {}

    class Once(TaizhangApp):
        def _display(self, screen, renderable) -> None:  # type: ignore[no-untyped-def]
            if renderable is not None and type(screen).__name__ == "HomeScreen":
                marks.setdefault("first", since_launch())
                if self.store is not None and "…" not in str(screen.query_one("#registers").get_option_at_index(1).prompt):
                    marks.setdefault("counts", since_launch())
                    self.call_later(self.exit)
            return super()._display(screen, renderable)

    Once(home).run(headless=True, size=SIZE)
    print(json.dumps({**marks, "maxrss": maxrss_mb()}))


def first_screen_bare(home: str) -> None:
    """The same widgets with the same words typed in: no store, no registers."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.containers import Horizontal, VerticalScroll
    from textual.widgets import Footer, OptionList, Static
    from textual.widgets.option_list import Option

    titles = ["流動黨員管理卡", "黨員基本情況登記表", "致富典型登記表", "支部會議記錄", "黨員活動記錄", "遠程教育記錄",
              "各種制度匯總冊", "黨員花名冊", "後備幹部花名冊", "入黨積極分子花名冊", "致富帶頭人花名冊",
              "黨員與致富能人結對幫帶花名冊", "黨員和致富能人幫扶貧困戶花名冊", "黨費收繳冊", "支部活動登記冊",
              "典型事跡匯總冊", "支部", "聯幫帶", "整改問題", "民主測評", "村情統計", "五好創建自查"]
    marks: dict = {}

    class Bare(App):
        BINDINGS = [Binding("m", "month", "會議月覽"), Binding("slash", "find", "找人"), Binding("f1", "help", "說明"),
                    Binding("f2", "lang", "語言"), Binding("q", "quit", "退出")]

        def compose(self) -> ComposeResult:
            yield Static("台賬 · 示範村黨總支")
            with Horizontal():
                yield OptionList(*[Option(f"     {n % 10} {t}{n * 7:>6}", id=str(n)) for n, t in enumerate(titles)])
                with VerticalScroll():
                    yield Static("示範村黨總支\n\n支部(4)\n  大寨支部\n  新街支部\n  龍潭支部\n  產業支部")
                    yield Static("待辦")
                    yield Static("· 本月應開支部委員會:新街支部尚未召開")
            yield Footer(compact=True)

        def _display(self, screen, renderable) -> None:  # type: ignore[no-untyped-def]
            if renderable is not None:
                marks.setdefault("first", since_launch())
                self.call_later(self.exit)
            return super()._display(screen, renderable)

    Bare().run(headless=True, size=SIZE)
    print(json.dumps({**marks, "maxrss": maxrss_mb()}))


class Frames:
    """When the app hands a frame to the terminal (headless: the frame is made, not sent)."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.event = asyncio.Event()
        self.at = 0.0
        self.stamps: list[float] = []
        original = app._display

        def display(screen, renderable) -> None:  # type: ignore[no-untyped-def]
            if renderable is not None:
                now = time.perf_counter()
                self.stamps.append(now)
                if not self.event.is_set():
                    self.at = now
                    self.event.set()
            return original(screen, renderable)

        app._display = display

    async def keystroke(self, screen, ch: str, query: str) -> float:  # type: ignore[no-untyped-def]
        """From a key to the first frame drawn after the filter has taken it (the frame
        that echoes the letter in the filter line comes earlier and does not count)."""
        from textual import events

        t0 = time.perf_counter()
        self.app.post_message(events.Key(ch, ch))
        while screen.needle != query:
            await asyncio.sleep(0)
        filtered = time.perf_counter()
        while not any(t >= filtered for t in self.stamps):
            await asyncio.sleep(0.0002)
        first = min(t for t in self.stamps if t >= filtered) - t0
        if screen.scan is None or screen.scan.done:
            self.complete = first  # the first slice was the whole scan
            return first
        while not screen.scan.done:  # the slices after the first
            await asyncio.sleep(0.0005)
        complete = time.perf_counter()
        deadline = complete + 0.2
        while not any(t >= complete for t in self.stamps) and time.perf_counter() < deadline:
            await asyncio.sleep(0.0002)
        self.complete = min([t for t in self.stamps if t >= complete] or [complete]) - t0
        return first

    async def next(self, start, timeout: float = 120) -> float:  # type: ignore[no-untyped-def]
        self.event.clear()
        t0 = time.perf_counter()
        start()
        await asyncio.wait_for(self.event.wait(), timeout)
        return self.at - t0


def register_paint(home: str, repeat: str) -> None:
    """Open the member roll cold (records on disk) and warm (in memory); type zgy."""
    from tui.app import TaizhangApp
    from tui.screens import home as home_screen
    from tui.screens.register import RegisterScreen

    home_screen.plan_items = lambda store: []
    TaizhangApp.start_loading = lambda self: None  # no reading ahead: the roll is opened cold
    results: dict = {}

    async def main() -> None:
        app = TaizhangApp(Path(home), "zh-Hant")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()  # the store, opened behind the home
            await pilot.pause()
            frames = Frames(app)
            cold = await frames.next(lambda: app.push_screen(RegisterScreen("members")))
            screen = app.screen
            results["cold_rows"] = len(screen.query_one("VirtualTable").rows)
            started = time.perf_counter()
            while screen.preview:
                await asyncio.sleep(0.01)
            results["load_rest"] = time.perf_counter() - started
            results["cold"] = cold
            warm = []
            for _ in range(int(repeat)):
                app.pop_screen()
                await pilot.pause()
                warm.append(await frames.next(lambda: app.push_screen(RegisterScreen("members"))))
                await pilot.pause()
            results["warm"] = statistics.median(warm)
            screen = app.screen
            screen.keys()  # the search keys, as the screen reads them before the first keystroke
            await pilot.press("slash")
            await pilot.pause()
            keys: dict[str, list[float]] = {"z": [], "g": [], "y": []}
            whole: dict[str, list[float]] = {"z": [], "g": [], "y": []}
            for _ in range(int(repeat)):
                for n, ch in enumerate("zgy"):
                    keys[ch].append(await frames.keystroke(screen, ch, "zgy"[: n + 1]))
                    whole[ch].append(frames.complete)
                    await pilot.pause()
                results["shown"] = len(screen.shown)
                for _ in "zgy":
                    await pilot.press("backspace")
                    await pilot.pause()
            results["keys"] = {ch: statistics.median(v) for ch, v in keys.items()}
            results["complete"] = {ch: statistics.median(v) for ch, v in whole.items()}
            results["records"] = len(screen.base)

    asyncio.run(main())
    results["maxrss"] = maxrss_mb()
    print(json.dumps(results))


def datatable_paint(home: str, rows: str) -> None:
    """A plain DataTable given every row of the roll (the texts prepared beforehand)."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    from storage.store import Store
    from tui.screens.rows import Cells, columns_of

    store = Store.open(Path(home), readonly=True)
    reg = store.register("members")
    cells = Cells(store, reg, "zh-Hant")
    ids = [rid for rid, r in store.table("members").items() if not r.get("_d")][: int(rows)]
    texts = [cells(rid) for rid in ids]
    cells.clear()
    labels = [c.label for c in columns_of(reg, "zh-Hant")]
    result: dict = {}

    class Plain(App):
        def compose(self) -> ComposeResult:
            yield DataTable()

        def on_mount(self) -> None:
            result["t0"] = time.perf_counter()
            table = self.query_one(DataTable)
            table.add_columns(*labels)
            table.add_rows(texts)
            self.call_after_refresh(self.done)

        def done(self) -> None:
            result["paint"] = time.perf_counter() - result["t0"]
            self.exit()

    Plain().run(headless=True, size=SIZE)
    print(json.dumps({"paint": result["paint"], "rows": len(texts), "maxrss": maxrss_mb()}))


def keystroke_bytes(home: str) -> None:
    """The installed program in a pseudo-terminal of 80×24: bytes out for each key of zgy."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    env = {**child_env(), "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    proc = subprocess.Popen([sys.executable, "-m", "tui.cli", "--home", home], stdin=slave, stdout=slave,
                            stderr=slave, env=env, cwd=ROOT, start_new_session=True, close_fds=True)
    os.close(slave)

    def drain(quiet: float, longest: float = 120.0) -> int:
        """Bytes the program writes until it has been quiet for ``quiet`` seconds."""
        total, last, start = 0, time.monotonic(), time.monotonic()
        while time.monotonic() - last < quiet and time.monotonic() - start < longest:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    break
                if data:
                    if os.environ.get("TZ_BENCH_DUMP"):
                        with open(os.environ["TZ_BENCH_DUMP"], "ab") as dump:
                            dump.write(b"\n=====\n" + data)
                    total += len(data)
                    last = time.monotonic()
                    # answer the terminal queries Textual makes (cursor position, colours)
                    if b"\x1b[6n" in data:
                        os.write(master, b"\x1b[1;1R")
        return total

    def note(label: str) -> None:
        if os.environ.get("TZ_BENCH_DUMP"):
            with open(os.environ["TZ_BENCH_DUMP"], "ab") as dump:
                dump.write(f"\n##### {label}".encode())

    result: dict = {}
    try:
        result["startup"] = drain(3.0)
        os.write(master, b"8")
        result["open_register"] = drain(3.0)
        os.write(master, b"/")
        drain(1.0)
        for round_ in range(2):  # the second round is reported: the first reads the keys in
            for ch in "zgy":
                note(f"key {ch} round {round_}")
                os.write(master, ch.encode())
                result[ch] = drain(1.0)
            for _ in "zgy":
                os.write(master, b"\x7f")
                drain(1.0)
        os.write(master, b"\r")  # Enter: from the filter to the rows
        drain(1.0)
        note("down")
        os.write(master, b"\x1b[B")  # down: the cursor moves one row
        result["cursor_down"] = drain(1.0)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        os.close(master)
    print(json.dumps(result))


CHILDREN = {
    "first-screen-ours": first_screen_ours,
    "first-screen-bare": first_screen_bare,
    "register-paint": register_paint,
    "datatable-paint": datatable_paint,
    "keystroke-bytes": keystroke_bytes,
}


# -- the report ----------------------------------------------------------------------------


def timed_child(mode: str, *args: str) -> tuple[float, dict]:
    start = time.perf_counter()
    result = child(mode, *args)
    return time.perf_counter() - start, result


def line(what: str, ours: str, ref_name: str, ref: str, ratio: str, goal: str = "") -> None:
    print(f"{what:<40} {ours:>11}   {ref_name:<34} {ref:>11}   {ratio:>9}   {goal}")


def run(home: Path | None = None, repeat: int = 5, reference_rows: int = 100_000) -> None:
    big = demo_store(100_000, home)
    village = demo_store(300)
    print(f"stores: {village} (300 members), {big} (100,000 members); medians of {repeat} runs\n")
    line("measure", "ours", "reference", "", "ratio", "goal")

    ours_runs, counts_runs, bare_runs = [], [], []
    for _ in range(repeat):
        ours_mem = child("first-screen-ours", str(village))
        ours_runs.append(ours_mem["first"])
        counts_runs.append(ours_mem["counts"])
        bare_mem = child("first-screen-bare", str(village))
        bare_runs.append(bare_mem["first"])
    ours_t, counts_t, bare_t = (statistics.median(v) for v in (ours_runs, counts_runs, bare_runs))
    line("time to first screen, 300 members", f"{ours_t:.3f} s", "bare Textual app, same widgets",
         f"{bare_t:.3f} s", f"{ours_t / bare_t:.2f}×", "goal ≤ 1.30×")
    line("  … and its counts, from the store", f"{counts_t:.3f} s", "bare Textual app, same widgets",
         f"{bare_t:.3f} s", f"{counts_t / bare_t:.2f}×")

    paint = child("register-paint", str(big), str(repeat))
    table = child("datatable-paint", str(big), str(reference_rows))
    scaled = "" if table["rows"] >= paint["records"] else f" ({table['rows']:,} rows)"
    line("first paint, 100,000-record roll (cold)", f"{paint['cold']:.3f} s", f"plain DataTable, all rows{scaled}",
         f"{table['paint']:.3f} s", f"{table['paint'] / paint['cold']:.0f}× faster", "goal < 0.5 s")
    line("first paint, 100,000-record roll (warm)", f"{paint['warm']:.3f} s", f"plain DataTable, all rows{scaled}",
         f"{table['paint']:.3f} s", f"{table['paint'] / paint['warm']:.0f}× faster", "goal < 0.5 s")
    print(f"{'':<40} (cold: {paint['cold_rows']} rows read ahead from the file; the other "
          f"{paint['records']:,} followed in {paint['load_rest']:.2f} s)")

    small = child("register-paint", str(village), str(repeat))
    for ch, label in zip("zgy", ("z", "zg", "zgy")):
        ms, ref = paint["keys"][ch] * 1000, small["keys"][ch] * 1000
        line(f"filter keystroke '{label}', 100,000 records", f"{ms:.1f} ms", "same keystroke, 300 records",
             f"{ref:.1f} ms", f"{ms / ref:.2f}×", "goal < 50 ms")
        ms, ref = paint["complete"][ch] * 1000, small["complete"][ch] * 1000
        line("  … until the count is exact", f"{ms:.1f} ms", "same keystroke, 300 records",
             f"{ref:.1f} ms", f"{ms / ref:.2f}×")

    sent = child("keystroke-bytes", str(big))
    for ch, label in zip("zgy", ("z", "zg", "zgy")):
        line(f"bytes to the terminal, key '{label}'", f"{sent[ch]:,} B", "goal", "2,048 B",
             f"{sent[ch] / 2048:.2f}×", "goal < 2 KB")
    line("bytes to the terminal, cursor down", f"{sent['cursor_down']:,} B", "whole first screen",
         f"{sent['startup']:,} B", f"{sent['cursor_down'] / max(1, sent['startup']):.3f}×")

    line("peak memory, 300 members (first screen)", f"{ours_mem['maxrss']:.0f} MB", "bare Textual app",
         f"{bare_mem['maxrss']:.0f} MB", f"{ours_mem['maxrss'] / bare_mem['maxrss']:.2f}×")
    line("peak memory, 100,000 (roll open, zgy)", f"{paint['maxrss']:.0f} MB", f"plain DataTable{scaled}",
         f"{table['maxrss']:.0f} MB", f"{paint['maxrss'] / table['maxrss']:.2f}×")
    line("peak memory, 300 (roll open, zgy)", f"{small['maxrss']:.0f} MB", "bare Textual app",
         f"{bare_mem['maxrss']:.0f} MB", f"{small['maxrss'] / bare_mem['maxrss']:.2f}×")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, help="the 100,000-member store (built if missing)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reference-rows", type=int, default=100_000,
                        help="rows given to the plain DataTable (fewer if 100,000 is too slow here)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("TAIZHANG_TODAY", "2026-11-26")
    if args.child:
        CHILDREN[args.child](*args.args)
        return 0
    run(args.home, args.repeat, args.reference_rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
