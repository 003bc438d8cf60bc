"""One real browser: headless Debian Chromium, driven by Playwright, against `filings serve`."""

import os
import re
from pathlib import Path

import pytest

from .conftest import DEADLINE_SECONDS, served

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's (apt-get install chromium) to run the browser test")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="Playwright for Python is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.mark.browser
def test_search_refine_and_read_a_document(browser, web_index, tmp_path):
    from playwright.sync_api import expect

    corpus, index = web_index
    # Playwright's waits give up after 5 s (expect) and 30 s (actions): too soon on a busy machine.
    expect.set_options(timeout=DEADLINE_SECONDS * 1000)
    with served(index, corpus) as base:
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        page.set_default_timeout(DEADLINE_SECONDS * 1000)
        problems = []  # console errors: a blocked inline script or style would show here
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.goto(f"{base}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Search 7 documents")

        page.get_by_label("Search filings").fill("widgets OR thrunet")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("7 documents for “widgets OR thrunet”")
        page.get_by_role("link", name=re.compile(r"^Company Acme Widgets Co\., Ltd\.: 2 documents")).click()

        expect(page.get_by_role("heading", level=1)).to_have_text("2 documents for “widgets OR thrunet”")
        expect(page.locator(".chips .chip")).to_have_text(["Company: Acme Widgets Co., Ltd. ×"])
        expect(page.locator("#facet-company ~ ul a.facet-value")).to_have_text([
            re.compile(r"Korea Thrunet Co\., Ltd\.\s+5"), re.compile(r"Acme Widgets Co\., Ltd\.\s+2")])
        expect(page.locator("#facet-company ~ ul a[aria-current=true]")).to_have_text(re.compile("^Acme"))
        expect(page.locator("#facet-exhibit_type ~ ul a.facet-value")).to_have_text([
            re.compile(r"6-K\s+1"), re.compile(r"EX-99\.1\s+1")])
        assert page.url == f"{base}/?q=widgets+OR+thrunet&company=Acme+Widgets+Co.,+Ltd."

        page.get_by_role("link", name="PRESS RELEASE", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("PRESS RELEASE")
        first = page.locator("mark#m1")
        expect(first).to_have_text("Widgets")
        expect(first).to_have_css("background-color", "rgb(255, 224, 102)")
        page.get_by_role("link", name="next match, 2 of 6").first.click()
        page.wait_for_url(re.compile("#m2$"))
        page.keyboard.press("n")  # the script's shortcut, beside the links
        page.wait_for_url(re.compile("#m3$"))
        page.screenshot(path=tmp_path / "document.png", full_page=True)
        assert (tmp_path / "document.png").stat().st_size > 0
        assert problems == []


WIDER_THAN_THE_VIEWPORT = """() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
        .filter(element => element.getBoundingClientRect().right > width + 1)
        .map(element => element.tagName.toLowerCase() + (element.className ? '.' + element.className : ''));
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1000, 390], ids=["desktop", "phone"])
def test_the_results_page_fits_the_screen_and_a_timeline_bar_filters(browser, web_index, tmp_path, width):
    from playwright.sync_api import expect

    corpus, index = web_index
    expect.set_options(timeout=DEADLINE_SECONDS * 1000)
    with served(index, corpus) as base:
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.set_default_timeout(DEADLINE_SECONDS * 1000)
        page.goto(f"{base}/?q=thrunet")
        expect(page.get_by_role("heading", level=1)).to_have_text("5 documents for “thrunet”")
        assert page.evaluate(WIDER_THAN_THE_VIEWPORT) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        chart = page.locator("figure.timeline svg").first.bounding_box()
        assert chart["width"] <= width
        page.screenshot(path=tmp_path / f"results-{width}.png", full_page=True)
        if os.environ.get("SCREENSHOTS"):
            page.screenshot(path=Path(os.environ["SCREENSHOTS"]) / f"results-{width}.png", full_page=True)
        assert (tmp_path / f"results-{width}.png").stat().st_size > 0
        # One Tab stop: from the sort links, the next stop after the timeline's list is a hit.
        page.locator("figure.timeline summary").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('figure.timeline')") is None
        page.locator("figure.timeline svg a").nth(1).click()
        page.wait_for_url(re.compile(r"month=2002-11"))
        expect(page.get_by_role("heading", level=1)).to_have_text("2 documents for “thrunet”")
        # A facet's box, typed into and sent as a plain form, then a value left out: still within the screen.
        page.goto(f"{base}/?q=widgets+OR+thrunet&narrow_company=korea&narrow_signer=lee")
        expect(page.locator("#facet-company ~ ul a.facet-value")).to_have_text([re.compile(r"^Korea Thrunet")])
        page.get_by_label("Find a value of Company").fill("acme")
        page.get_by_label("Find a value of Company").press("Enter")
        page.wait_for_url(re.compile(r"narrow_company=acme"))
        assert "narrow_signer=lee" in page.url and "q=widgets+OR+thrunet" in page.url  # the rest kept
        expect(page.locator("#facet-company ~ ul a.facet-value")).to_have_text([re.compile(r"Acme Widgets Co\., Ltd\.\s+2")])
        page.get_by_role("link", name="Leave out Company Acme Widgets Co., Ltd.").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("5 documents for “widgets OR thrunet”")
        expect(page.locator(".chips .chip")).to_have_text(["Company: not Acme Widgets Co., Ltd. ×"])
        assert page.evaluate(WIDER_THAN_THE_VIEWPORT) == []
        page.screenshot(path=tmp_path / f"facets-{width}.png", full_page=True)
        if os.environ.get("SCREENSHOTS"):
            page.screenshot(path=Path(os.environ["SCREENSHOTS"]) / f"facets-{width}.png", full_page=True)


@pytest.mark.browser
@pytest.mark.parametrize("width", [1000, 390], ids=["desktop", "phone"])
def test_the_results_switch_to_filings_and_fit_the_screen(browser, web_index, tmp_path, width):
    from playwright.sync_api import expect

    corpus, index = web_index
    expect.set_options(timeout=DEADLINE_SECONDS * 1000)
    with served(index, corpus) as base:
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.set_default_timeout(DEADLINE_SECONDS * 1000)
        page.goto(f"{base}/?q=widgets+OR+thrunet")
        expect(page.get_by_role("heading", level=1)).to_have_text("7 documents for “widgets OR thrunet”")
        page.get_by_role("navigation", name="List").get_by_role("link", name="Filings").click()
        page.wait_for_url(re.compile(r"group=filing"))
        expect(page.get_by_role("heading", level=1)).to_have_text("6 filings (7 documents) for “widgets OR thrunet”")
        acme = page.locator("ol.filings > li").filter(has_text="Acme Widgets Co., Ltd. — 6-K — Filed 2002-12-05")
        expect(acme.locator("h3")).to_have_count(2)
        assert page.evaluate(WIDER_THAN_THE_VIEWPORT) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=tmp_path / f"filings-{width}.png", full_page=True)
        if os.environ.get("SCREENSHOTS"):
            page.screenshot(path=Path(os.environ["SCREENSHOTS"]) / f"filings-{width}.png", full_page=True)
        # A document's page leads back to the filings it was listed under.
        acme.locator("h3 a").first.click()
        page.get_by_role("link", name="← Back to the results").click()
        page.wait_for_url(re.compile(r"group=filing"))
        expect(page.get_by_role("heading", level=1)).to_have_text("6 filings (7 documents) for “widgets OR thrunet”")


@pytest.mark.browser
def test_the_entity_box_suggests_as_one_types_and_the_filed_range_narrows(browser, web_index, tmp_path):
    from playwright.sync_api import expect

    corpus, index = web_index
    expect.set_options(timeout=DEADLINE_SECONDS * 1000)
    with served(index, corpus) as base:
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.set_default_timeout(DEADLINE_SECONDS * 1000)
        problems = []
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.goto(f"{base}/")
        box = page.get_by_label("Company, ticker or CIK")
        box.press_sequentially("acm")
        suggested = page.locator("#entity-suggestions option")
        expect(suggested).to_have_count(1)
        assert suggested.get_attribute("value") == "Acme Widgets Co., Ltd. (CIK 0001234567)"
        box.fill(suggested.get_attribute("value"))
        box.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("2 documents")
        expect(page.locator(".chips .chip")).to_have_text(["Entity: Acme Widgets Co., Ltd. (CIK 0001234567) ×"])
        page.locator("#filed_from").fill("2002-12-05")
        page.locator("form.filed").get_by_role("button", name="Apply").click()
        expect(page.locator(".chips .chip")).to_have_text(["Entity: Acme Widgets Co., Ltd. (CIK 0001234567) ×",
                                                           "Filed: since 2002-12-05 ×"])
        expect(page.get_by_role("heading", level=1)).to_have_text("2 documents")
        page.locator("form.filed").get_by_role("link", name=re.compile("^Filed: last 10 years")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("0 documents")
        expect(page.locator("form.filed a[aria-current=true]")).to_have_text(["Last 10 years"])
        assert page.evaluate(WIDER_THAN_THE_VIEWPORT) == []
        page.screenshot(path=tmp_path / "entity-390.png", full_page=True)
        if os.environ.get("SCREENSHOTS"):
            page.screenshot(path=Path(os.environ["SCREENSHOTS"]) / "entity-390.png", full_page=True)
        assert problems == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [1000, 390], ids=["desktop", "phone"])
def test_a_document_lists_similar_documents_that_fit_the_screen(browser, web_index, tmp_path, width):
    from playwright.sync_api import expect

    corpus, index = web_index
    expect.set_options(timeout=DEADLINE_SECONDS * 1000)
    with served(index, corpus) as base:
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.set_default_timeout(DEADLINE_SECONDS * 1000)
        page.goto(f"{base}/?q=thrunet")
        page.locator("li.hit h2 a").first.click()
        similar = page.locator("section.similar")
        expect(similar.get_by_role("heading", level=2)).to_have_text("Similar documents")
        first = similar.locator("li.hit h3 a").first
        expect(first).to_be_visible()
        # The list fits (the text above it scrolls sideways in its own box, as a filing's tables need).
        assert page.evaluate(WIDER_THAN_THE_VIEWPORT.replace("'body *'", "'section.similar, section.similar *'")) == []
        assert similar.bounding_box()["width"] <= width
        page.screenshot(path=tmp_path / f"similar-{width}.png", full_page=True)
        if os.environ.get("SCREENSHOTS"):
            page.screenshot(path=Path(os.environ["SCREENSHOTS"]) / f"similar-{width}.png", full_page=True)
        heading = first.text_content()
        first.click()
        page.wait_for_url(re.compile(r"/doc/[0-9a-f]+\?q=thrunet$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
