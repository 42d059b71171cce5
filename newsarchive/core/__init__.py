"""The core: frozen model, diagnostics, the URL scheme, Arabic forms, strict YAML (pure)."""
