"""Highlighted text from a body that reads like markup: the terminal shows it as it is written,
the pages show it escaped, and the JSON's `snippet` is the same escaped HTML with <mark>s on the
CLI and on the API."""

import json
import re

import pytest
from click.testing import CliRunner

from indexer.cli import cli
from indexer.parse import document_id
from search_web import create_app

from .conftest import build_index, invoke, page_of, texts

# "mark" is a word of the body as the index reads it, inside the tags too.
NOTICE = ("EXHIBIT 99.1\n\nZeppelin Airships Notice\n\n"
          'The notice printed <mark>x</mark> & <b>bold</b> "tags" and R&amp;D beside the zeppelin order.\n')
NOTICE_ID = document_id("notice.txt")
SNIPPET = ("EXHIBIT 99.1 Zeppelin Airships Notice The notice printed "
           '&lt;<mark>mark</mark>&gt;x&lt;/<mark>mark</mark>&gt; &amp; &lt;b&gt;bold&lt;/b&gt; "tags" '
           "and R&amp;amp;D beside the zeppelin order.")
STYLED = "\x1b[33m\x1b[1mmark\x1b[0m"  # bold yellow


def steps(previous: int, following: int, count: int) -> str:
    number = previous % count + 1
    return (f'<span class="steps"><span class="where">{number} of {count}</span><a href="#m{previous}" aria-label="previous match, {previous} of {count}">↑</a>'
            f'<a href="#m{following}" aria-label="next match, {following} of {count}">↓</a></span>')


@pytest.fixture(scope="module")
def notice_index(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("highlight-corpus")
    (corpus / "notice.txt").write_text(NOTICE)
    return corpus, build_index(corpus, tmp_path_factory.mktemp("highlight-index") / "index")


@pytest.fixture(scope="module")
def web(notice_index):
    corpus, index = notice_index
    return create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()


def test_the_json_snippet_is_escaped_html_with_marks_on_the_cli_and_the_api(notice_index, web):
    printed = json.loads(invoke(CliRunner(), "search", "mark", "--json", "--index", notice_index[1]).stdout)
    answered = web.get("/api/search?q=mark").get_json()
    assert [(hit["id"], hit["snippet"]) for hit in printed["hits"]] == [(NOTICE_ID, SNIPPET)]
    assert [(hit["id"], hit["snippet"]) for hit in answered["hits"]] == [(NOTICE_ID, SNIPPET)]


def terminal_line(mark: str) -> str:
    """The hit's snippet as the terminal shows it, with `mark` where the word "mark" stands."""
    return (f'   EXHIBIT 99.1 Zeppelin Airships Notice The notice printed <{mark}>x</{mark}> & <b>bold</b> "tags" '
            "and R&amp;D beside the zeppelin order.")


def test_the_terminal_shows_markup_of_a_body_as_written(notice_index):
    styled = CliRunner().invoke(cli, ["search", "mark", "--index", str(notice_index[1])], color=True)
    assert styled.exit_code == 0, styled.stderr
    assert terminal_line(STYLED) in styled.stdout.splitlines()
    plain = invoke(CliRunner(), "search", "mark", "--index", notice_index[1]).stdout
    assert terminal_line("mark") in plain.splitlines()


def test_the_pages_show_markup_of_a_body_escaped(web):
    results = web.get("/?q=mark")
    assert f'<p class="snippet">{SNIPPET}</p>' in results.get_data(as_text=True)
    assert texts(page_of(results), "//p[@class='snippet']/mark") == ["mark", "mark"]
    document = web.get(f"/doc/{NOTICE_ID}?q=mark")
    [body] = re.findall(r"<pre>(.*?)</pre>", document.get_data(as_text=True), re.DOTALL)
    assert body == ("EXHIBIT 99.1\n\nZeppelin Airships Notice\n\nThe notice printed "
                    f'&lt;<mark id="m1">mark</mark>{steps(2, 2, 2)}&gt;x'
                    f'&lt;/<mark id="m2">mark</mark>{steps(1, 1, 2)}&gt; '
                    '&amp; &lt;b&gt;bold&lt;/b&gt; "tags" and R&amp;amp;D beside the zeppelin order.')
    assert page_of(document).xpath("//b | //pre//mark[not(@id)]") == []
