"""The analyst notebooks run top to bottom, offline, with no cell error, from notebooks/
as the working directory (they read ../corpus); and they are kept in git without outputs.

Needs nbclient, nbformat and ipykernel (the `python3` kernel) in the environment.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

TESTS = Path(__file__).resolve().parent
NOTEBOOKS = TESTS.parent / "notebooks"
NAMES = ["01-build-and-explore.ipynb", "02-meetings-and-demands.ipynb"]
BUDGET_S = 120  # each notebook takes ~20 s (most of it building the graph)


# Run first, in the kernel: kgraph.build returns the hand-built test graph stripped of
# every meeting, demand and affiliation (a relation layer that found nothing), with
# actors the notebooks' example names do not match.
NO_RELATIONS = f"""
import sys, dataclasses
sys.path.insert(0, {str(TESTS)!r})
import graph_fixtures, kgraph
from kgraph.api import KnowledgeGraph
kgraph.build = lambda *paths, **kw: KnowledgeGraph.from_extractions(
    [dataclasses.replace(x, meetings=(), demands=(), affiliations=())
     for x in graph_fixtures.corpus()])
"""


def read(name: str):
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def execute(nb) -> float:
    """Run every cell of nb from notebooks/ (raises CellExecutionError on the first
    failing cell); assert no cell output is an error; return the seconds it took."""
    client = nbclient.NotebookClient(nb, timeout=BUDGET_S, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    t0 = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - t0
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors, [f"{e.ename}: {e.evalue}" for e in errors]
    return elapsed


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_without_errors(name):
    nb = read(name)
    elapsed = execute(nb)
    assert elapsed < BUDGET_S, f"{name} took {elapsed:.0f} s"
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert images, "no figure was drawn"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_on_a_graph_without_relations(name):
    nb = read(name)
    nb.cells.insert(0, nbformat.v4.new_code_cell(NO_RELATIONS))
    execute(nb)
    text = "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
                   for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "KnowledgeGraph" in text


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_stored_without_outputs(name):
    nb = read(name)
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.cells[0].cell_type == "markdown" and "Question" in nb.cells[0].source
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
