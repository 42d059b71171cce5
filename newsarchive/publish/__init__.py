"""Publishing the built site to where readers get it."""
