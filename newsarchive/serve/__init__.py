"""The dev server: HTTP server, live-reload client, watcher, and the loop that calls the
build."""
