"""Content: articles, front matter, config, import, Markdown, English glosses."""
