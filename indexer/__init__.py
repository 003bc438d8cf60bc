"""filings-search: parse EDGAR filings into fielded documents, index them, search them."""
