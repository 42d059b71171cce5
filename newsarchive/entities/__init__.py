"""Entities: the registry, the Arabic-aware matcher, suggestions of new names (pure)."""
