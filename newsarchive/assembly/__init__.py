"""Assembly: the whole-site model (entity views, archives), metadata, search text."""
