"""The cycle collector is paused for big loads and always comes back on."""

from __future__ import annotations

import gc

import pytest

from storage.gcpause import paused, pausing


def test_paused_inside_paused_comes_back_on_only_at_the_outermost() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_it_comes_back_on_after_an_error() -> None:
    @pausing
    def fails() -> None:
        assert not gc.isenabled()
        raise ValueError("torn")

    with pytest.raises(ValueError):
        fails()
    assert gc.isenabled()


def test_a_collector_turned_off_by_someone_else_stays_off() -> None:
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
