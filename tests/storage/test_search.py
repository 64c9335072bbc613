"""Search as people type: simplified, traditional, full pinyin, initials; surnames read right."""

from __future__ import annotations

import pytest

from storage import index
from storage.store import Store


@pytest.fixture
def village(store: Store) -> Store:
    for name, branch in [("張桂英", "第一支部"), ("單田芳", "第一支部"), ("曾國華", "第二支部"),
                         ("解明", "第二支部"), ("阿依古麗·買買提", "第一支部"), ("李建國", "第二支部"),
                         ("王芳", "第一支部")]:
        store.add("members", {"name": name, "branch": branch, "post": "林業管護崗" if name == "王芳" else None})
    return store


def names(store: Store, query: str, **kw: object) -> list[str]:
    return [hit["name"] for hit in index.find(store.home, query, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize("query", ["張桂英", "张桂英", "張", "张", "zhang", "zhangguiying", "zgy", "ZGY", "桂英", "guiying"])
def test_every_way_of_typing_finds_her(village: Store, query: str) -> None:
    assert names(village, query)[0] == "張桂英"


def test_a_short_query_finds_everyone_it_fits_in_phone_book_order(village: Store) -> None:
    assert names(village, "zg") == ["曾國華", "張桂英"]  # zeng… before zhang…


@pytest.mark.parametrize(("query", "who"), [("shan", "單田芳"), ("stf", "單田芳"), ("zeng", "曾國華"),
                                             ("zgh", "曾國華"), ("xie", "解明"), ("xm", "解明")])
def test_polyphonic_surnames_are_read_as_surnames(village: Store, query: str, who: str) -> None:
    assert names(village, query)[0] == who


def test_the_everyday_reading_of_a_surname_finds_them_too(village: Store) -> None:
    # Issue 13: someone who types 單 as dān, 曾 as céng finds the person all the same.
    assert names(village, "dantian") == ["單田芳"] and names(village, "dtf") == ["單田芳"]
    assert names(village, "cengguo") == ["曾國華"] and names(village, "cgh") == ["曾國華"]


def test_minority_names_with_the_middle_dot(village: Store) -> None:
    for query in ("阿依古麗", "阿依古丽·买买提", "aygl", "买买提", "ayiguli"):
        assert names(village, query)[0] == "阿依古麗·買買提", query


def test_text_fields_are_searched_too(village: Store) -> None:
    assert names(village, "lyghg") == ["王芳"]  # 林業管護崗 by initials
    assert names(village, "林业") == ["王芳"]


def test_results_name_their_register_and_branch(village: Store) -> None:
    hit = index.find(village.home, "zgy")[0]
    assert hit["titles"][0] == "黨員花名冊" and hit["branch"] == "第一支部"


def test_an_edit_and_a_delete_show_in_the_next_search(village: Store) -> None:
    wang = index.find(village.home, "王芳")[0]
    village.edit(wang["id"], {"name": "王芬"})
    assert names(village, "wangfen") == ["王芬"] and names(village, "王芳") == []
    village.delete(wang["id"])
    assert names(village, "wangfen") == []


def test_an_edit_the_index_does_not_show_adds_no_line_and_one_it_shows_does(village: Store) -> None:
    wang = index.find(village.home, "王芳")[0]
    before = (village.home / "index.tsv").read_bytes()
    village.edit(wang["id"], {"party_group": "第二黨小組", "note": "調入"})  # shown nowhere in a result
    after = (village.home / "index.tsv").read_bytes()
    assert after[:len(before)] == before and after.count(wang["id"].encode()) == before.count(wang["id"].encode())
    village.edit(wang["id"], {"phone": "13912345678"})  # searched, and shown as the detail
    hit = index.find(village.home, "13912345678")[0]
    assert hit["name"] == "王芳" and "13912345678" in hit["detail"]
    village.checkpoint()  # the index written afresh still holds both edits' effect
    hit = index.find(village.home, "13912345678")[0]
    assert hit["name"] == "王芳" and "林業管護崗" in hit["detail"]


def test_a_lookup_never_loads_a_pinyin_dictionary(village: Store) -> None:
    import subprocess
    import sys

    from support import ROOT, cli_env

    code = (
        "import sys; from storage import index; "
        f"hits = index.find(__import__('pathlib').Path({str(village.home)!r}), 'zgy'); "
        "print(hits[0]['name'], sorted(m for m in sys.modules if m.split('.')[0] in ('pypinyin','opencc','pydantic','textual')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(), cwd=ROOT)
    assert out.stdout.strip() == "張桂英 []", out.stderr
