"""Names that vulture (see pyproject.toml) cannot see used; each line says where it is used."""
from kgraph.types import Demand

_ = Demand.actor_span  # written to a build's extractions.jsonl by Extraction.to_dict (dataclasses.asdict)
