"""`kgraph models build`: the local Stanza NER model, rebuilt from data files in one call.

Stages, each timed:
1. data: ANERcorp and AQMAR as BIO files (`kgraph.ner_data`) in OUTDIR/data/;
2. vectors: word2vec on a news corpus, tokenised as at run time, saved as the model's
   pretrain OUTDIR/model.pretrain.pt (`kgraph.word_vectors`);
3. train: `kgraph.ner_train.train_ner_model` on train.bio, keeping the best model on
   dev.bio: OUTDIR/model.pt;
4. score: `kgraph.ner_train.score_ner` on ANERcorp test and AQMAR test.

OUTDIR/model.json (the sidecar `kgraph.models` reads) then also holds both test
scores, the stage times and the provenance of the data: paths, sha256 and licences;
OUTDIR/LICENSES.md states the licences and attributions that travel with the model.
"""
from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable

from kgraph.errors import ModelError

MODEL_NAME = "model.pt"
LICENSES_NAME = "LICENSES.md"
EVAL_INTERVAL = 200  # steps between dev evaluations (about 10 s each on one CPU thread)

# The two NER corpora the converter reads; their terms when no README says otherwise.
CORPORA = {
    "anercorp": {
        "name": "ANERcorp (CAMeL-style train/test split)",
        "licence": "CC BY-SA 4.0",
        "attribution": [
            "Yassine Benajiba, Paolo Rosso and José Miguel Benedí Ruiz. 2007. ANERsys: An Arabic "
            "Named Entity Recognition System Based on Maximum Entropy. CICLing 2007, LNCS 4394.",
            "Ossama Obeid et al. 2020. CAMeL Tools: An Open Source Python Toolkit for Arabic "
            "Natural Language Processing. LREC 2020.",
        ],
    },
    "aqmar": {
        "name": "AQMAR Arabic Named Entity Corpus 1.0",
        "licence": "CC BY-SA 3.0",
        "attribution": [
            "Behrang Mohit, Nathan Schneider, Rishav Bhowmick, Kemal Oflazer and Noah A. Smith. "
            "2012. Recall-Oriented Learning of Named Entities in Arabic Wikipedia. EACL 2012.",
        ],
    },
}
_LICENCE_ID = re.compile(r"\bCC[ -]BY(?:-(?:NC|ND|SA))*[ -]\d\.\d\b|\bCC0\b|\bMIT\b|\bApache[ -]2\.0\b")
_LICENCE_LINE = re.compile(r"^\W*licen[cs]e\W*:", re.IGNORECASE)


def licence_url(licence: str) -> str | None:
    """The deed of a Creative Commons licence id ("CC BY-SA 4.0" -> its URL), else None."""
    found = re.fullmatch(r"CC[ -](BY(?:-(?:NC|ND|SA))*)[ -](\d\.\d)", licence)
    if not found:
        return None
    return f"https://creativecommons.org/licenses/{found.group(1).lower()}/{found.group(2)}/"


def sha256_of(path: str) -> str:
    """The hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def readme_licence(folder: str) -> dict | None:
    """The licence a README.md in `folder` states: {"readme", "name", "licence", "statement"}.

    `name` is the README's first heading, `statement` the first sentence of its
    paragraph that starts with "Licence:" (markdown marks removed), `licence` the
    licence identifier in it (CC BY-NC-SA 4.0...) or None. None when there is no README
    or it states no licence.
    """
    path = os.path.join(folder, "README.md")
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    name = next((ln.lstrip("# ").strip() for ln in lines if ln.startswith("#")), None)
    for i, line in enumerate(lines):
        if _LICENCE_LINE.match(line.replace("*", "")):
            para = []
            for ln in lines[i:]:
                if not ln.strip() or (para and ln.lstrip().startswith(("-", "#"))):
                    break
                para.append(ln.strip())
            text = " ".join(" ".join(para).replace("*", "").split()).lstrip("- ")
            statement = re.split(r"(?<=\.)\s", text, maxsplit=1)[0]
            found = _LICENCE_ID.search(text)
            return {"readme": os.path.abspath(path), "name": name,
                    "licence": found.group(0) if found else None, "statement": statement}
    return None


def _source(kind: str, folder: str, files: list[str]) -> dict:
    """Provenance of one data source: its files with sha256, its licence and attribution."""
    known = CORPORA.get(kind, {})
    stated = readme_licence(folder) or {}
    licence = stated.get("licence") or known.get("licence")
    return {"name": stated.get("name") or known.get("name") or os.path.basename(folder),
            "licence": licence or "not stated (no README.md with a Licence line beside the data)",
            "licence_statement": stated.get("statement"), "readme": stated.get("readme"),
            "licence_url": licence_url(licence) if licence else None,
            "attribution": known.get("attribution", []),
            "files": [{"path": os.path.abspath(p), "sha256": sha256_of(p)} for p in files]}


def write_licenses(path: str, sources: dict) -> str:
    """Write LICENSES.md: what the model files are derived from, under which terms."""
    roles = {"news": "word vectors (model.pretrain.pt, and through them model.pt)",
             "anercorp": "NER training, dev and test data", "aqmar": "NER training, dev and test data"}
    out = ["# Licences of the data this model is derived from", "",
           "model.pt and model.pretrain.pt were built by `kgraph models build` from the data "
           "below; they are derived from it, and its terms travel with them. data/ holds "
           "ANERcorp and AQMAR converted to BIO files, under their own licences. Keep this file "
           "next to the model files. None of these files is part of kgraph's source (MIT) or "
           "distributed with it.", ""]
    for kind, src in sources.items():
        out += [f"## {src['name']}", "", f"- used for: {roles.get(kind, kind)}",
                f"- licence: {src['licence']}" + (f" ({src['licence_url']})" if src["licence_url"] else "")]
        if src["licence_statement"]:
            out.append(f"- as its README states: {src['licence_statement']}")
        if src["readme"]:
            out.append(f"- README: {src['readme']}")
        for cite in src["attribution"]:
            out.append(f"- cite: {cite}")
        out.append(f"- files: {len(src['files'])} (paths and sha256 in model.json)")
        out.append("")
    share_alike = [s["licence"] for s in sources.values() if "-SA" in s["licence"]]
    non_commercial = [s["name"] for s in sources.values() if "-NC" in s["licence"]]
    if share_alike:
        out += ["ShareAlike: whoever shares these model files shares them under compatible terms "
                f"({', '.join(sorted(set(share_alike)))}) and with the attributions above.", ""]
    if non_commercial:
        out += [f"NonCommercial: {', '.join(non_commercial)} allows no commercial use; neither do "
                "these model files.", ""]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))
    return path


def build_ner_model(news: str, anercorp: str, aqmar: str, out_dir: str, *, steps: int = 1400,
                    dim: int = 100, threads: int = 1, min_count: int = 3,
                    max_vocab: int = 200_000, w2v_epochs: int = 5, force: bool = False,
                    progress: Callable[[str], None] | None = None,
                    train_progress: Callable[[str], None] | None = None,
                    train_options: dict | None = None) -> dict:
    """Build the local NER model in `out_dir` from a news corpus, ANERcorp and AQMAR.

    `news` is a JSONL(.gz) file, `anercorp` the folder of the CAMeL-style split, `aqmar`
    the folder of AQMAR's 28 files. `threads` is both the torch thread count and the
    number of word2vec workers. `progress` gets one line per stage, `train_progress`
    Stanza's training log; `train_options` go to `train_ner_model` as they are (hidden
    sizes, batch size, learning rate, extra_args...). Gives the sidecar written to
    OUTDIR/model.json. Raises ModelError when OUTDIR/model.pt exists and not `force`,
    and for unreadable data.
    """
    from kgraph.models import pretrain_path_for, read_model_sidecar, write_model_sidecar
    from kgraph.ner_data import prepare_ner_data
    from kgraph.ner_train import _torch_threads, score_ner, train_ner_model
    from kgraph.word_vectors import build_news_pretrain

    def say(line: str) -> None:
        if progress is not None:
            progress(line)

    out_dir = os.path.abspath(out_dir)
    model = os.path.join(out_dir, MODEL_NAME)
    if os.path.exists(model) and not force:
        raise ModelError(f"{model} exists; pass --force to rebuild it")
    for path, what in ((news, "news corpus file"), (anercorp, "ANERcorp folder"),
                       (aqmar, "AQMAR folder")):
        if not os.path.exists(path):
            raise ModelError(f"{what} not found: {path}")
    os.makedirs(out_dir, exist_ok=True)
    seconds = {}

    started = time.monotonic()
    say("[1/4] data: ANERcorp and AQMAR to BIO files")
    data = prepare_ner_data(anercorp, aqmar, os.path.join(out_dir, "data"))
    say("      " + ", ".join(f"{k} {n} sentences" for k, n in data["sentences"].items()))
    sources = {"news": _source("news", os.path.dirname(os.path.abspath(news)), [news]),
               "anercorp": _source("anercorp", anercorp, data["sources"]["anercorp"]),
               "aqmar": _source("aqmar", aqmar, data["sources"]["aqmar"])}
    seconds["data"] = round(time.monotonic() - started, 1)

    stage = time.monotonic()
    say(f"[2/4] vectors: word2vec on {news}")
    vectors = build_news_pretrain(news, pretrain_path_for(model), dim=dim, min_count=min_count,
                                  max_vocab=max_vocab, epochs=w2v_epochs, workers=threads,
                                  progress=lambda line: say("      " + line))
    seconds["vectors"] = round(time.monotonic() - stage, 1)

    stage = time.monotonic()
    say(f"[3/4] train: {steps} steps on {data['sentences']['train']} sentences, "
        f"{threads} thread(s)")
    options = {"eval_interval": max(1, min(EVAL_INTERVAL, steps // 5)), **(train_options or {})}
    result = train_ner_model(data["files"]["train"], data["files"]["dev"], model,
                             pretrain_path=pretrain_path_for(model), max_steps=steps,
                             word_dim=dim, threads=threads, progress=train_progress, **options)
    say(f"      dev F1 {100 * result.dev_f1:.1f}")
    seconds["train"] = round(time.monotonic() - stage, 1)

    stage = time.monotonic()
    say("[4/4] score: ANERcorp test and AQMAR test")
    with _torch_threads(threads):
        test = {name: score_ner(model, data["files"][f"{name}-test"])
                for name in ("anercorp", "aqmar")}
    seconds["score"] = round(time.monotonic() - stage, 1)
    seconds["total"] = round(time.monotonic() - started, 1)

    info = read_model_sidecar(model)
    info.update({
        "built_by": "kgraph models build",
        "data": {k: data[k] for k in ("files", "sentences", "tokens", "entities")},
        "vectors": vectors, "test": test, "sources": sources,
        "licenses": LICENSES_NAME, "stage_seconds": seconds,
    })
    write_model_sidecar(model, info)
    write_licenses(os.path.join(out_dir, LICENSES_NAME), sources)
    return info
