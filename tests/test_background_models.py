"""Models built in the background at first need (assist/background_models.py): one build per key, never in the
caller's thread unless it waits; a failed build is tried again at the next need."""

from __future__ import annotations

import threading

from assist.background_models import BackgroundBuilds


def test_a_model_is_built_once_on_a_background_thread_and_then_handed_out() -> None:
    builds = BackgroundBuilds("test model")
    release, threads = threading.Event(), []

    def build() -> str:
        threads.append(threading.current_thread().name)
        release.wait(5)
        return "model"

    assert builds.get("k", build) is None  # the first need starts the build and does not wait
    assert builds.get("k", build) is None  # nor does the second, and it starts no second build
    assert builds.building("k") and not builds.ready("k")
    release.set()
    assert builds.get("k", build, wait=True) == "model"  # waits for the thread already building
    assert builds.get("k", build) == "model"
    assert threads == ["build-test model"]
    assert not builds.building("k")


def test_waiting_builds_in_the_callers_thread_and_keys_are_apart() -> None:
    builds = BackgroundBuilds("test model")
    assert builds.get("a", lambda: threading.current_thread().name, wait=True) == threading.current_thread().name
    assert builds.get("b", lambda: "other", wait=True) == "other"
    assert builds.get("a", lambda: "never") == threading.current_thread().name


def test_a_failed_or_empty_build_is_not_kept_and_is_tried_again() -> None:
    builds = BackgroundBuilds("test model")
    attempts: list[int] = []

    def failing() -> str:
        attempts.append(1)
        raise RuntimeError("no encoder")

    assert builds.get("k", failing, wait=True) is None
    assert builds.get("k", lambda: None, wait=True) is None
    assert not builds.ready("k") and not builds.building("k")
    assert builds.get("k", lambda: "model", wait=True) == "model"
    assert attempts == [1]


def test_a_bounded_kind_keeps_the_models_asked_for_most_recently() -> None:
    builds = BackgroundBuilds("test model", keep=2)
    for key in ("a", "b"):
        builds.get(key, lambda key=key: f"model {key}", wait=True)
    assert builds.get("a", lambda: "rebuilt a") == "model a"  # asked again: now the most recent
    builds.get("c", lambda: "model c", wait=True)  # a third: "b", asked longest ago, is dropped
    assert builds.ready("a") and builds.ready("c") and not builds.ready("b")
    assert builds.get("b", lambda: "model b again", wait=True) == "model b again"  # built again at its next need
    assert not builds.ready("a")
