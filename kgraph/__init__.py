"""kgraph: Arabic diplomatic news -> a knowledge graph of actors, meetings and demands."""
__version__ = "0.1.0"
