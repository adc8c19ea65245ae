"""Train and score a Stanza NER model on BIO files, offline and in-process.

Input files hold one `TOKEN TAG` pair a line and a blank line between sentences
(ANERcorp's CAMeL-style files): tags B-/I- x PERS (or PER), LOC, ORG, MISC, and O.

`train_ner_model` converts them to the JSON Stanza's trainer reads, builds a word
vector pretrain with gensim when none is given, runs `stanza.models.ner_tagger` without
a character language model and writes `MODEL.pt`, its pretrain `MODEL.pretrain.pt` and
a sidecar `MODEL.json` (see `kgraph.models`). `score_ner` gives entity-level
precision, recall and F1 with Stanza's own scorer.

Stanza's trainer logs through the "stanza" logger; pass `progress` to receive each
line (the CLI prints them to stderr). Nothing here prints.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kgraph.errors import ModelError

_LABELS = {"PER": "PERS"}  # one name per type, whatever the source corpus used
_SHORTHAND = "ar_kgraph"


@dataclass(frozen=True)
class TrainResult:
    """What a training run left: the model file, its pretrain, dev F1 (0-1), wall time."""
    path: str
    pretrain_path: str
    dev_f1: float
    dev_precision: float
    dev_recall: float
    seconds: float
    steps: int


def read_columns(path: str, tag_of: Callable[[list[str]], str | None]) -> list[list[tuple[str, str]]]:
    """Read a `TOKEN TAG` file into sentences of (token, tag): the one reader of such files.

    A blank line ends a sentence. `tag_of` gives the tag of a line's columns, None to skip
    the line, or raises ValueError, which becomes a ModelError naming the file and line; so
    does a file that cannot be read or holds no sentence.
    """
    sentences, current = [], []
    try:
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                parts = line.split()
                if not parts:
                    if current:
                        sentences.append(current)
                        current = []
                    continue
                try:
                    tag = tag_of(parts)
                except ValueError as exc:
                    raise ModelError(f"{path}:{lineno}: {exc}") from exc
                if tag is not None:
                    current.append((parts[0], tag))
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"cannot read {path}: {exc}") from exc
    if current:
        sentences.append(current)
    if not sentences:
        raise ModelError(f"{path}: no sentences (expected 'TOKEN TAG' lines)")
    return sentences


def read_bio(path: str) -> list[list[tuple[str, str]]]:
    """Read a BIO file: one `TOKEN TAG` a line, blank line between sentences.

    Takes a path; gives a list of sentences, each a list of (token, tag). The tag is
    the last column; a PER label is renamed PERS; -DOCSTART- lines are skipped. Raises
    ModelError naming the file and line when a line has no tag or a tag is not O, B-X or I-X.
    """
    return read_columns(path, _bio_tag)


def _bio_tag(parts: list[str]) -> str | None:
    if parts[0].startswith("-DOCSTART-"):
        return None
    if len(parts) < 2:
        raise ValueError(f"expected 'TOKEN TAG', got {' '.join(parts)!r}")
    tag = parts[-1]
    if tag == "O":
        return tag
    if len(tag) > 2 and tag[:2] in ("B-", "I-", "B_", "I_"):
        label = tag[2:]
        return tag[0] + "-" + _LABELS.get(label, label)
    raise ValueError(f"tag {tag!r} is not O, B-TYPE or I-TYPE")


def write_stanza_json(sentences: Sequence[Sequence[tuple[str, str]]], out_path: str) -> None:
    """Write sentences of (token, tag) as the JSON Stanza's NER trainer reads.

    The format is a list of sentences, each a list of {"text": token, "ner": tag}.
    """
    doc = [[{"text": w, "ner": t} for w, t in sent] for sent in sentences]
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False)


def build_pretrain(sentences: Sequence[Sequence[str]], out_path: str, dim: int = 100,
                   seed: int = 1234, epochs: int = 10, workers: int = 1) -> str:
    """Train word2vec vectors on tokenised sentences and save them as a Stanza pretrain.

    Takes lists of tokens and the .pt path to write; gives that path. Every token is
    kept (min_count=1) so the pretrain covers the whole training vocabulary.
    """
    from gensim.models import Word2Vec

    sents = [list(s) for s in sentences if s]
    if not sents:
        raise ModelError("cannot build a pretrain from no sentences")
    w2v = Word2Vec(sentences=sents, vector_size=dim, window=5, min_count=1, sg=1,
                   seed=seed, workers=workers, epochs=epochs)
    return save_pretrain(w2v.wv, out_path)


def save_pretrain(vectors, out_path: str, max_vocab: int = -1) -> str:
    """Save gensim KeyedVectors as a Stanza pretrain file; give its path.

    Keeps the `max_vocab` most frequent words (Stanza counts its four special entries
    in that number; -1 keeps all) and replaces an existing file. Raises ModelError when
    nothing was written.
    """
    from stanza.models.common.pretrain import Pretrain

    if os.path.exists(out_path):  # Pretrain.load would read the old file instead
        os.remove(out_path)
    with tempfile.TemporaryDirectory(prefix="kgraph-w2v-") as tmp, _StanzaLogging(None):
        txt = os.path.join(tmp, "vectors.txt")
        vectors.save_word2vec_format(txt, binary=False)  # most frequent first
        pretrain = Pretrain(out_path, txt, max_vocab=max_vocab, save_to_file=True)
        pretrain.load()
    if not os.path.exists(out_path):
        raise ModelError(f"could not write the pretrain {out_path}")
    return out_path


class _ProgressHandler(logging.Handler):
    def __init__(self, callback: Callable[[str], None]):
        super().__init__(logging.INFO)
        self.callback = callback

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.callback(record.getMessage())
        except Exception:  # a progress callback must not break training
            self.handleError(record)


class _StanzaLogging:
    """Route the "stanza" logger to a callback (or nowhere) and restore it afterwards.

    Importing stanza.models.ner_tagger sets that logger to DEBUG for the whole
    process; this puts back the level and handlers the caller had.
    """

    def __init__(self, progress: Callable[[str], None] | None):
        self.progress = progress
        self.logger = logging.getLogger("stanza")

    def __enter__(self):
        self.level = self.logger.level
        self.handlers = list(self.logger.handlers)
        self.propagate = self.logger.propagate
        for h in self.handlers:
            self.logger.removeHandler(h)
        self.logger.propagate = False
        if self.progress is not None:
            self.logger.addHandler(_ProgressHandler(self.progress))
        return self

    def quiet_debug(self):
        self.logger.setLevel(logging.INFO)

    def __exit__(self, *exc):
        for h in list(self.logger.handlers):
            self.logger.removeHandler(h)
        for h in self.handlers:
            self.logger.addHandler(h)
        self.logger.setLevel(self.level)
        self.logger.propagate = self.propagate
        return False


@contextlib.contextmanager
def _torch_threads(n: int | None):
    """Run with `n` torch CPU threads (None: leave as is), then restore the count."""
    if n is None:
        yield
        return
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def train_ner_model(train_bio: str, dev_bio: str, out_path: str,
                    pretrain_path: str | None = None, max_steps: int = 1500,
                    word_dim: int = 100, charlm: bool = False, seed: int = 1234,
                    progress: Callable[[str], None] | None = None, *,
                    hidden_dim: int = 256, char_hidden_dim: int = 100,
                    char_emb_dim: int = 100, batch_size: int = 32,
                    optim: str = "adam", lr: float = 0.002,
                    eval_interval: int | None = None, device: str = "cpu",
                    threads: int | None = None,
                    extra_args: Sequence[str] = ()) -> TrainResult:
    """Train a charlm-free Stanza NER model on BIO files; give a TrainResult.

    `out_path` is the model file to write (MODEL.pt). Next to it go MODEL.pretrain.pt
    (the word vectors the model needs at load time: a copy of `pretrain_path`, or
    word2vec vectors of `word_dim` dimensions trained on the training tokens when
    None) and MODEL.json (how it was trained). The best model on `dev_bio` is kept,
    evaluated every `eval_interval` steps (default: max_steps // 5, at most 500).
    `device` is a torch device name ("cpu", "cuda"); `threads`, when given, is the
    number of torch CPU threads during training (1 is far faster on a busy machine,
    where spinning OpenMP threads starve each other). `extra_args` are passed to
    stanza.models.ner_tagger as they are. Raises ModelError for unreadable data,
    `charlm=True` (needs a pretrained character LM kgraph does not ship) or a failed
    run.
    """
    if charlm:
        raise ModelError("charlm=True needs pretrained character language models; "
                         "kgraph trains without one (leave charlm off)")
    if max_steps < 1:
        raise ModelError(f"max_steps must be at least 1, got {max_steps}")
    started = time.monotonic()
    train = read_bio(train_bio)
    dev = read_bio(dev_bio)
    out_path = os.path.abspath(out_path)
    out_dir = os.path.dirname(out_path)
    os.makedirs(out_dir, exist_ok=True)
    from kgraph.models import pretrain_path_for, sidecar_path_for, write_model_sidecar

    final_pretrain = pretrain_path_for(out_path)
    if eval_interval is None:
        eval_interval = max(1, min(500, max_steps // 5))
    with _StanzaLogging(progress) as log, \
            tempfile.TemporaryDirectory(prefix="kgraph-ner-") as tmp:
        if pretrain_path is None:
            build_pretrain([[w for w, _ in s] for s in train], final_pretrain, dim=word_dim,
                           seed=seed)
        elif not os.path.exists(pretrain_path):
            raise ModelError(f"pretrain file not found: {pretrain_path}")
        elif os.path.abspath(pretrain_path) != final_pretrain:
            shutil.copyfile(pretrain_path, final_pretrain)
        train_json = os.path.join(tmp, "train.json")
        dev_json = os.path.join(tmp, "dev.json")
        write_stanza_json(train, train_json)
        write_stanza_json(dev, dev_json)
        args = [
            "--mode", "train", "--shorthand", _SHORTHAND,
            "--train_file", train_json, "--eval_file", dev_json,
            "--wordvec_pretrain_file", final_pretrain,
            "--save_dir", out_dir, "--save_name", os.path.basename(out_path),
            "--max_steps", str(max_steps), "--eval_interval", str(eval_interval),
            "--max_steps_no_improve", str(max(max_steps, 2500)),
            "--hidden_dim", str(hidden_dim), "--char_hidden_dim", str(char_hidden_dim),
            "--char_emb_dim", str(char_emb_dim), "--word_emb_dim", str(word_dim),
            "--batch_size", str(batch_size), "--optim", optim, "--lr", str(lr),
            "--seed", str(seed), "--device", device, "--log_step", "50",
            *extra_args,
        ]
        for stale in (out_path, sidecar_path_for(out_path)):
            if os.path.exists(stale):  # the trainer only writes on a dev improvement
                os.remove(stale)
        from stanza.models import ner_tagger  # sets the stanza logger to DEBUG

        log.quiet_debug()
        with _torch_threads(threads):
            try:
                ner_tagger.main(args)
            except (ValueError, RuntimeError, OSError) as exc:
                raise ModelError(f"Stanza NER training failed: {exc}") from exc
    if not os.path.exists(out_path):
        raise ModelError(f"Stanza NER training wrote no model to {out_path}")
    seconds = time.monotonic() - started
    scores = score_ner(out_path, dev_bio, pretrain_path=final_pretrain)
    write_model_sidecar(out_path, {
        "pretrain": os.path.basename(final_pretrain),
        "train_file": os.path.abspath(train_bio), "dev_file": os.path.abspath(dev_bio),
        "max_steps": max_steps, "word_dim": word_dim, "hidden_dim": hidden_dim,
        "optim": optim, "lr": lr, "seed": seed, "threads": threads,
        "seconds": round(seconds, 1),
        "dev": {k: scores[k] for k in ("precision", "recall", "f1")},
    })
    return TrainResult(path=out_path, pretrain_path=final_pretrain, dev_f1=scores["f1"],
                       dev_precision=scores["precision"], dev_recall=scores["recall"],
                       seconds=seconds, steps=max_steps)


def tag_sentences(pipeline, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """Tag pre-tokenised sentences with a pipeline from `load_stanza_pipeline(path)`.

    Gives one list of BIOES tags per sentence, aligned with its tokens.
    """
    from stanza.models.common.doc import Document

    entries = [[{"id": (i + 1,), "text": tok} for i, tok in enumerate(sent)]
               for sent in sentences if sent]
    if not entries:
        return [[] for _ in sentences]
    doc = pipeline(Document(entries))
    tagged = iter([[tok.ner for tok in s.tokens] for s in doc.sentences])
    return [next(tagged) if sent else [] for sent in sentences]


def score_ner(model_path: str, test_bio: str, pretrain_path: str | None = None) -> dict:
    """Score a model on a BIO file at the entity level (exact span and type).

    Gives {"precision", "recall", "f1", "support", "predicted", "sentences", "tokens",
    "per_type": {TYPE: {"precision", "recall", "f1", "support", "predicted"}}}, all
    scores in 0-1, computed with Stanza's scorer (stanza.models.ner.scorer).
    """
    from stanza.models.ner import scorer
    from stanza.models.ner.utils import decode_from_bioes, process_tags

    from kgraph.models import load_stanza_pipeline

    gold_sents = read_bio(test_bio)
    pipeline = load_stanza_pipeline(model_path, pretrain_path)
    tokens = [[w for w, _ in s] for s in gold_sents]
    with _StanzaLogging(None):
        pred = tag_sentences(pipeline, tokens)
        gold = [[t for _, t in s] for s in process_tags(gold_sents, "bioes")]
        p, r, f, _ = scorer.score_by_entity(pred, gold, verbose=False)
        gold_ents = [e["type"] for g in gold for e in decode_from_bioes(g)]
        pred_ents = [e["type"] for s in pred for e in decode_from_bioes(s)]
        per_type = {}
        types = sorted(set(gold_ents) | set(pred_ents))
        for typ in types:
            others = [t for t in types if t != typ]
            tp, tr, tf, _ = scorer.score_by_entity(pred, gold, verbose=False, ignore_tags=others)
            per_type[typ] = {"precision": tp, "recall": tr, "f1": tf,
                             "support": gold_ents.count(typ), "predicted": pred_ents.count(typ)}
    return {"precision": p, "recall": r, "f1": f, "support": len(gold_ents),
            "predicted": len(pred_ents), "sentences": len(gold_sents),
            "tokens": sum(len(s) for s in tokens), "per_type": per_type}
