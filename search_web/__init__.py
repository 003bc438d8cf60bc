"""The web front end: faceted search in the browser and its JSON twin, on indexer's search.

`create_app` opens nothing: the first request opens the index, the process's later requests share
it, and the first request after a reindex commits (or a full rebuild switches generations) opens
it again, so the reindex shows with no restart (index.py).
"""

from pathlib import Path

from flask import Flask

from indexer.locations import resolved
from indexer.settings import CORPUS, EXPENSIVE_SEARCHES, INDEX, SEARCH_BUDGET, SearchSettings

from . import api, errors, feed, views
from .index import SEARCH, close_index, share_index
from .security import add_security_headers


def create_app(test_config: dict | None = None) -> Flask:
    """The app over the index and corpus the settings name (FILINGS_INDEX, FILINGS_CORPUS, and the
    search's FILINGS_SEARCH_BUDGET, FILINGS_EXPENSIVE_SEARCHES), or those `test_config` gives under
    the same keys. A bad setting stops the app here, not each search later."""
    test_config = test_config or {}
    app = Flask(__name__)
    app.config.from_mapping({setting.envvar: setting.resolve(test_config.get(setting.envvar))
                             for setting in (INDEX, CORPUS)})
    app.config.update(test_config)
    # Absolute now, so the server answers the same whatever its working folder later.
    app.config[INDEX.envvar] = resolved(app.config[INDEX.envvar])
    app.config[CORPUS.envvar] = Path(app.config[CORPUS.envvar]).resolve()
    app.config[SEARCH] = SearchSettings.resolved(test_config.get(SEARCH_BUDGET.envvar),
                                                 test_config.get(EXPENSIVE_SEARCHES.envvar))
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    share_index(app)
    app.teardown_appcontext(close_index)
    app.after_request(add_security_headers)
    errors.register(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feed.bp)
    return app
