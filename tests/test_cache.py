"""What searches keep between them: made once, the least recently used dropped past the limit."""

import threading

from indexer.search.cache import Cache

from .conftest import DEADLINE_SECONDS, wait_for


def test_a_value_is_made_once_and_the_least_recently_used_goes_first():
    made = []
    kept = Cache(2)

    def make(key):
        return lambda: made.append(key) or key.upper()

    assert [kept.get(key, make(key)) for key in ("a", "b", "a", "c", "a", "b")] == ["A", "B", "A", "C", "A", "B"]
    assert made == ["a", "b", "c", "b"]  # "b" was the least recently used when "c" came


def test_the_limit_is_on_the_total_size_and_one_value_is_always_kept():
    kept = Cache(10, size=len)
    kept.get("four", lambda: "4444")
    kept.get("six", lambda: "666666")
    assert kept.get("four", lambda: "made again") == "4444"  # 4 + 6 fit in 10
    kept.get("twelve", lambda: "x" * 12)  # larger than the limit: kept alone
    assert kept.get("twelve", lambda: "made again") == "x" * 12
    assert kept.get("four", lambda: "made again") == "made again"


def _making_slowly(kept: Cache, key: str, answers: list) -> tuple[threading.Thread, threading.Event]:
    """A thread asking `kept` for `key`, whose value is being made until the event is set."""
    release, making = threading.Event(), threading.Event()

    def make():
        making.set()
        release.wait(DEADLINE_SECONDS)
        return "first"

    thread = threading.Thread(target=lambda: answers.append(kept.get(key, make)))
    thread.start()
    wait_for(making.is_set, what=f"{key!r} being made")
    return thread, release


def test_a_value_being_made_holds_up_no_other_key():
    kept, answers = Cache(10), []
    thread, release = _making_slowly(kept, "slow", answers)
    assert kept.get("quick", lambda: "quick") == "quick"
    assert thread.is_alive()  # "quick" was answered while "slow" was still being made
    release.set()
    thread.join()
    assert answers == ["first"]


def test_threads_asking_for_a_value_being_made_get_that_value():
    kept, answers = Cache(10), []
    thread, release = _making_slowly(kept, "key", answers)
    other = threading.Thread(target=lambda: answers.append(kept.get("key", lambda: "made again")))
    other.start()
    release.set()
    for each in (thread, other):
        each.join()
    assert answers == ["first", "first"]
