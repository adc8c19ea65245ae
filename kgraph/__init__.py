"""kgraph: Arabic diplomatic news -> a knowledge graph of actors, meetings and demands.

    >>> import kgraph                               # doctest: +SKIP
    >>> kg = kgraph.build("corpus/")                # doctest: +SKIP
    >>> kg.who_met("رئيس المخابرات المصرية")          # doctest: +SKIP
"""
__version__ = "0.1.0"


def build(*paths, ner: str = "auto", progress: bool = False, stanza_model=None):
    """Articles under `paths` (directories or files) -> a KnowledgeGraph (`.G`, queries)."""
    from os import PathLike

    from .api import KnowledgeGraph
    from .pipeline import extract_corpus
    flat = []
    for p in paths:  # each a path, or a list of paths
        flat.extend([p] if isinstance(p, (str, PathLike)) else p)
    return KnowledgeGraph.from_extractions(
        extract_corpus([str(p) for p in flat], ner=ner, progress=progress, stanza_model=stanza_model))


def load(outdir):
    """A graph written by `kgraph build` (its graph.json) -> a KnowledgeGraph."""
    from .api import load as _load
    return _load(outdir)
