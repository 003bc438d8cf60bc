"""What searches keep between them: made once, the least recently used dropped past the limit."""

from indexer.search.cache import Kept


def test_a_value_is_made_once_and_the_least_recently_used_goes_first():
    made = []
    kept = Kept(2)

    def make(key):
        return lambda: made.append(key) or key.upper()

    assert [kept.get(key, make(key)) for key in ("a", "b", "a", "c", "a", "b")] == ["A", "B", "A", "C", "A", "B"]
    assert made == ["a", "b", "c", "b"]  # "b" was the least recently used when "c" came


def test_the_limit_is_on_the_total_size_and_one_value_is_always_kept():
    kept = Kept(10, size=len)
    kept.get("four", lambda: "4444")
    kept.get("six", lambda: "666666")
    assert kept.get("four", lambda: "made again") == "4444"  # 4 + 6 fit in 10
    kept.get("twelve", lambda: "x" * 12)  # larger than the limit: kept alone
    assert kept.get("twelve", lambda: "made again") == "x" * 12
    assert kept.get("four", lambda: "made again") == "made again"
