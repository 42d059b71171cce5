"""The core: frozen model, diagnostics, the URL scheme, Arabic forms, dateline forms, strict YAML,
YAML and TOML errors in plain words, the hosts' limits (pure)."""
