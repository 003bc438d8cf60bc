"""`python -m indexer` is the `filings` command."""

from .cli import main

main()
