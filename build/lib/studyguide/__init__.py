"""Study-guide generator: question files → validated model → Markdown pages and downloads."""
