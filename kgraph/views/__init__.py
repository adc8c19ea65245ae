"""Views of a built graph (they read the graph, never change it)."""
