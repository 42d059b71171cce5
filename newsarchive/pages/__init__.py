"""Pages: the Jinja environment, the renderer and page kinds of both languages, feeds,
sitemap."""
