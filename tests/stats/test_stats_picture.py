"""``stats --to FILE.png|.svg``: a real picture, with the Chinese title drawn in the shipped font."""

from __future__ import annotations

from pathlib import Path

import pytest
from statsdata import build, run


@pytest.fixture
def org(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    return build(home, capsys, monkeypatch)


def ink(image: object, box: tuple[int, int, int, int]) -> int:
    """Pixels within ``box`` darker than light grey."""
    region = image.convert("L").crop(box)  # type: ignore[attr-defined]
    return sum(count for value, count in enumerate(region.histogram()) if value < 160)


def test_a_png_of_the_charts_with_its_title_drawn(home: Path, org: dict[str, str], tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    target = tmp_path / "統計.png"
    out = run(capsys, "stats", "--year", "2026", "--to", str(target), "--home", str(home))
    assert str(target) in out
    assert target.stat().st_mode & 0o777 == 0o600  # what the program writes is the user's alone
    image = Image.open(target)
    assert image.format == "PNG" and image.size[0] >= 1000 and image.size[1] >= 700
    width, height = image.size
    assert len(image.convert("L").getcolors(1 << 16) or []) > 20  # not blank: shades of bars and text
    title = ink(image, (width // 4, 0, width * 3 // 4, height * 6 // 100))
    assert title > 500, title  # the title, 18 points of Chinese, drawn (not boxes of nothing)
    assert ink(image, (0, 0, width // 5, height * 6 // 100)) == 0  # and centred, the corners white
    # The Chinese is drawn with glyphs, not the empty boxes of a font that lacks them: the same
    # title in English and in 繁體 ink the band differently.
    english = tmp_path / "stats.png"
    run(capsys, "stats", "--year", "2026", "--to", str(english), "--home", str(home), "--lang", "en")
    assert ink(Image.open(english), (width // 4, 0, width * 3 // 4, height * 6 // 100)) != title


def test_an_svg_carries_the_outlines(home: Path, org: dict[str, str], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "統計.svg"
    run(capsys, "stats", "--to", str(target), "--home", str(home), "--lang", "zh-Hans")
    text = target.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert text.count("<path") > 100  # letters as outlines: the same on a machine without the font


def test_another_suffix_is_refused_and_nothing_is_written(home: Path, org: dict[str, str], tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    target = tmp_path / "統計.gif"
    capsys.readouterr()
    assert main(["stats", "--to", str(target), "--home", str(home)]) == 1
    assert ".png" in capsys.readouterr().err and not target.exists()
