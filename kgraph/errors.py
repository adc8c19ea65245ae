"""The exception hierarchy. The library raises these; the CLI reports them in one place."""


class KgraphError(Exception):
    """Base class of every error kgraph raises on purpose."""


class CorpusError(KgraphError):
    """An input file cannot be read as an article: names the file and the reason."""

    def __init__(self, path, reason):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ModelError(KgraphError):
    """A model cannot be found, downloaded, trained or loaded."""


class DataError(KgraphError):
    """A dictionary or rule data file is malformed."""


class UnknownNameError(KgraphError):
    """A name (actor, topic, stance) matches nothing in the graph."""


class AmbiguousNameError(KgraphError):
    """A name matches several nodes: `candidates` lists their ids, sorted."""

    def __init__(self, name, candidates):
        self.name = name
        self.candidates = sorted(candidates)
        super().__init__(f"'{name}' is ambiguous: it names {', '.join(self.candidates)}; "
                         "give one of these ids instead")


class OutputError(KgraphError):
    """An output directory cannot be written, or a built graph cannot be read from it."""

    def __init__(self, path, reason):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")
