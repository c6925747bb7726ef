"""Graph views: the registry and its cache, the builders of each view, and traversal measures."""
