"""The language server (`prdkit lsp`): analysis is plain Python, `server` holds the pygls glue."""
