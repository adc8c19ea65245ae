"""The only module that loads model files. Everything is loaded lazily, on first use.

Two kinds of Stanza NER pipeline:

* the official Arabic models (tokenize, mwt, ner), installed in Stanza's resources
  directory (`$STANZA_RESOURCES_DIR`, else Stanza's default) by `download_official`;
  they tokenise raw text themselves and report character offsets;
* a local NER model file trained by `kgraph.ner_train`: MODEL.pt with its word
  vectors MODEL.pretrain.pt and a sidecar MODEL.json beside it. No Arabic tokenizer
  model is available offline, so such a pipeline is built pre-tokenised and
  `pretokenize` (spaCy's rule-based Arabic tokenizer) supplies tokens with their
  character offsets in the original text.

A Stanza NER model loaded without its pretrain runs on random word vectors and
silently scores far lower, so a local model always loads with its pretrain and
ModelError is raised when none can be found.
"""
from __future__ import annotations

import json
import os
import tempfile

from kgraph.errors import ModelError

LANG = "ar"
OFFICIAL_PROCESSORS = "tokenize,mwt,ner"
_PIPELINES: dict = {}
_SPACY = {}
_MAX_SENTENCE_TOKENS = 200


def stanza_resources_dir(path: str | None = None) -> str:
    """The Stanza resources directory: `path`, $STANZA_RESOURCES_DIR, or Stanza's default."""
    if path:
        return os.path.abspath(path)
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return os.path.abspath(env)
    from stanza.resources.common import DEFAULT_MODEL_DIR
    return DEFAULT_MODEL_DIR


def _official_files(rdir: str) -> list[str]:
    """The model files the official Arabic tokenize,mwt,ner pipeline loads from `rdir`.

    Raises ModelError when resources.json is missing or has no Arabic entry.
    """
    from stanza.resources.common import (
        add_dependencies,
        flatten_processor_list,
        load_resources_json,
        maintain_processor_list,
        process_pipeline_parameters,
    )
    try:
        resources = load_resources_json(rdir)
    except (OSError, ValueError) as exc:
        raise ModelError(f"no Stanza resources.json in {rdir}") from exc
    if LANG not in resources:
        raise ModelError(f"Stanza resources.json in {rdir} has no Arabic models")
    lang, _, package, processors = process_pipeline_parameters(LANG, rdir, "default",
                                                               OFFICIAL_PROCESSORS)
    plist = maintain_processor_list(resources, lang, package, processors)
    plist = add_dependencies(resources, lang, plist)
    return [os.path.join(rdir, lang, proc, f"{pkg}.pt")
            for proc, pkg in flatten_processor_list(plist)]


def official_installed(resources_dir: str | None = None) -> bool:
    """True when the official Stanza Arabic tokenize/mwt/ner models are all on disk."""
    rdir = stanza_resources_dir(resources_dir)
    try:
        files = _official_files(rdir)
    except (ModelError, KeyError, ValueError):
        return False
    return bool(files) and all(os.path.exists(f) for f in files)


def download_official(resources_dir: str | None = None) -> str:
    """Download the official Stanza Arabic tokenize/mwt/ner models; give the directory.

    Raises ModelError("cannot download the Stanza Arabic models (no network?): ...")
    when the download fails.
    """
    import stanza

    rdir = stanza_resources_dir(resources_dir)
    try:
        stanza.download(LANG, model_dir=rdir, processors=OFFICIAL_PROCESSORS,
                        logging_level="WARN")
    except Exception as exc:  # requests, OSError, bad resources: all mean "no models"
        cause = " ".join(f"{type(exc).__name__}: {exc}".split())
        raise ModelError(f"cannot download the Stanza Arabic models (no network?): "
                         f"{cause[:300]}") from exc
    return rdir


# --- local model files ----------------------------------------------------------

def _stem(model_path: str) -> str:
    return model_path[:-3] if model_path.endswith(".pt") else model_path


def pretrain_path_for(model_path: str) -> str:
    """Where the pretrain of a local model lives: MODEL.pt -> MODEL.pretrain.pt."""
    return os.path.abspath(_stem(model_path) + ".pretrain.pt")


def sidecar_path_for(model_path: str) -> str:
    """Where the sidecar of a local model lives: MODEL.pt -> MODEL.json."""
    return os.path.abspath(_stem(model_path) + ".json")


def write_model_sidecar(model_path: str, info: dict) -> str:
    """Write MODEL.json beside a model: how it was trained and its pretrain file name."""
    path = sidecar_path_for(model_path)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(info, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    return path


def read_model_sidecar(model_path: str) -> dict:
    """The sidecar MODEL.json of a local model, or {} when there is none."""
    path = sidecar_path_for(model_path)
    if not os.path.exists(path):
        return {}
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the model sidecar {path}: {exc}") from exc
    return data if isinstance(data, dict) else {}


def find_pretrain(model_path: str, pretrain_path: str | None = None) -> str:
    """The pretrain (word vectors) file a local NER model needs.

    Takes the model path and an explicit pretrain path, if any; gives the explicit
    one, else the one its sidecar names (relative to the model), else
    MODEL.pretrain.pt. Raises ModelError when that file does not exist.
    """
    if pretrain_path:
        candidate, why = os.path.abspath(pretrain_path), "given"
    else:
        named = read_model_sidecar(model_path).get("pretrain")
        if named:
            candidate = os.path.join(os.path.dirname(os.path.abspath(model_path)), named)
            why = f"named in {sidecar_path_for(model_path)}"
        else:
            candidate, why = pretrain_path_for(model_path), "expected beside the model"
    if not os.path.exists(candidate):
        raise ModelError(
            f"the word-vector pretrain of NER model {model_path} is missing: {candidate} "
            f"({why}); without it the model runs on random vectors. Pass the pretrain "
            f"file or retrain with `kgraph ner train`")
    return candidate


def _file_id(path: str) -> tuple:
    """A file's identity for the pipeline cache: a retrained model is loaded anew."""
    st = os.stat(path)
    return (path, st.st_mtime_ns, st.st_size)


def _resources_file() -> str:
    """A minimal resources.json that lets stanza.Pipeline load local Arabic files offline."""
    folder = os.path.join(tempfile.gettempdir(), f"kgraph-stanza-{os.getuid()}")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "resources.json")
    content = json.dumps({LANG: {"lang_name": "Arabic"}})
    try:
        with open(path, encoding="utf-8") as fh:
            if fh.read() == content:
                return path
    except OSError:
        pass
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(content)
    os.replace(tmp, path)
    return path


def load_stanza_pipeline(model_path: str | None = None, pretrain_path: str | None = None,
                         use_gpu: bool = False, threads: int | None = None):
    """Load a stanza.Pipeline for Arabic NER, once per process and model file.

    With `model_path` None: the official installed models (tokenize, mwt, ner) from the
    resources directory; ModelError tells to run `kgraph models download` when they
    are missing. With `model_path` a local NER .pt file: a pre-tokenised tokenize,ner
    pipeline with the model's pretrain (see `find_pretrain`); ModelError when the
    model or its pretrain is missing or cannot be loaded.

    `threads`, when given, sets torch's CPU thread count for the whole process
    (torch has no per-model setting): 1 is many times faster than 2 when other jobs
    share the cores, as under `pytest -n` or parallel article workers.
    """
    import stanza

    if threads is not None:
        import torch
        torch.set_num_threads(threads)

    if model_path is None:
        rdir = stanza_resources_dir()
        cache_key = ("official", rdir, bool(use_gpu))
        if cache_key in _PIPELINES:
            return _PIPELINES[cache_key]
        if not official_installed(rdir):
            raise ModelError(
                f"the Stanza Arabic models are not installed in {rdir}: run "
                f"`kgraph models download` (or pass --stanza-model MODEL.pt)")
        kwargs = dict(lang=LANG, processors=OFFICIAL_PROCESSORS, dir=rdir)
    else:
        model_path = os.path.abspath(model_path)
        if not os.path.isfile(model_path):
            raise ModelError(f"NER model file not found: {model_path}")
        pretrain = find_pretrain(model_path, pretrain_path)
        cache_key = ("local", _file_id(model_path), _file_id(pretrain), bool(use_gpu))
        if cache_key in _PIPELINES:
            return _PIPELINES[cache_key]
        kwargs = dict(lang=LANG, processors="tokenize,ner", tokenize_pretokenized=True,
                      ner_model_path=model_path, ner_pretrain_path=pretrain,
                      resources_filepath=_resources_file(),
                      dir=os.path.dirname(model_path))
    try:
        pipeline = stanza.Pipeline(download_method=None, use_gpu=use_gpu,
                                   logging_level="WARN", **kwargs)
    except Exception as exc:  # stanza raises many kinds; all mean "cannot load"
        where = model_path or stanza_resources_dir()
        raise ModelError(f"cannot load the Stanza NER pipeline from {where}: "
                         f"{type(exc).__name__}: {exc}") from exc
    _PIPELINES[cache_key] = pipeline
    return pipeline


def is_pretokenized(pipeline) -> bool:
    """True for a pipeline from a local model file (it expects `pretokenize` tokens)."""
    tokenizer = getattr(pipeline, "processors", {}).get("tokenize")
    return bool(tokenizer is not None and tokenizer.config.get("pretokenized"))


# --- tokenisation for pre-tokenised pipelines --------------------------------------

def _spacy_ar():
    if "nlp" not in _SPACY:
        import spacy
        nlp = spacy.blank(LANG)
        nlp.add_pipe("sentencizer")
        _SPACY["nlp"] = nlp
    return _SPACY["nlp"]


def pretokenize(text: str) -> list[list[tuple[str, int, int]]]:
    """Split text into sentences of tokens (token, start, end) with offsets into `text`.

    Uses spaCy's rule-based Arabic tokenizer (punctuation split off, clitics kept on
    the word, as in ANERcorp) and sentencizer; a blank line also ends a sentence, and
    sentences longer than 200 tokens are cut. text[start:end] == token always holds.
    """
    sentences, current = [], []
    for tok in _spacy_ar()(text):
        if tok.is_space or not tok.text.strip():
            if "\n" in tok.text and current:
                sentences.append(current)
                current = []
            continue
        if tok.is_sent_start and current:
            sentences.append(current)
            current = []
        current.append((tok.text, tok.idx, tok.idx + len(tok.text)))
        if len(current) >= _MAX_SENTENCE_TOKENS:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences
