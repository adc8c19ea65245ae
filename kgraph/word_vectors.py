"""Word vectors for a local NER model: word2vec (gensim) on a news corpus, as a Stanza pretrain.

The corpus is JSON lines, plain or gzip-compressed (`.gz`), one article a line with a
`text` and an optional `title`. Both are tokenised with `kgraph.models.pretokenize`, the
tokenizer a local model's input goes through at run time, so the vectors' vocabulary is
the run-time tokens (clitics stay on the word, punctuation is split off). The tokens go
to a plain-text file, one sentence a line, that gensim trains on (`corpus_file`); the
vectors of the most frequent words are saved with `kgraph.ner_train.save_pretrain`.

Nothing here prints; pass `progress` to receive one line per stage or per few thousand
articles.
"""
from __future__ import annotations

import gzip
import json
import os
import time
from collections.abc import Callable, Iterator

from kgraph.errors import ModelError

ARTICLES_PER_NOTICE = 5000


def read_news(path: str) -> Iterator[str]:
    """Yield each article of a JSONL(.gz) file: its title (when present), a newline, its text.

    Blank lines are skipped. Raises ModelError naming the file and line for a line that
    is not a JSON object with a string `text`, and for an unreadable file.
    """
    opener = gzip.open if path.endswith(".gz") else open
    try:
        fh = opener(path, "rt", encoding="utf-8")
        with fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    raise ModelError(f"{path}:{lineno}: not a JSON line: {exc}") from exc
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise ModelError(f"{path}:{lineno}: expected an object with a string 'text'")
                title = record.get("title")
                if isinstance(title, str) and title.strip():
                    yield title + "\n" + record["text"]
                else:
                    yield record["text"]
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise ModelError(f"cannot read the news corpus {path}: {exc}") from exc


def tokenize_news(news_path: str, out_path: str,
                  progress: Callable[[str], None] | None = None) -> dict:
    """Tokenise a news corpus into `out_path`: one sentence a line, tokens joined by spaces.

    Gives {"articles", "sentences", "tokens"}. A token holding whitespace (which a
    line-based corpus file cannot carry) is left out. Raises ModelError when the corpus
    has no tokens.
    """
    from kgraph.models import pretokenize

    articles = sentences = tokens = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for text in read_news(news_path):
            articles += 1
            for sent in pretokenize(text):
                words = [tok for tok, _, _ in sent if len(tok.split()) == 1]
                if words:
                    out.write(" ".join(words))
                    out.write("\n")
                    sentences += 1
                    tokens += len(words)
            if progress is not None and articles % ARTICLES_PER_NOTICE == 0:
                progress(f"tokenised {articles} articles ({tokens} tokens)")
    if progress is not None:
        progress(f"tokenised {articles} articles: {sentences} sentences, {tokens} tokens")
    if not tokens:
        raise ModelError(f"{news_path}: no text to train word vectors on")
    return {"articles": articles, "sentences": sentences, "tokens": tokens}


def train_word2vec(corpus_path: str, dim: int = 100, min_count: int = 3, window: int = 5,
                   sg: bool = True, epochs: int = 5, workers: int = 1, seed: int = 1234):
    """Train word2vec on a tokenised corpus file (one sentence a line); give its KeyedVectors.

    Skip-gram when `sg`, else CBOW. With more than one worker the result varies a little
    from run to run (gensim's threads race); with one it is repeatable.
    """
    from gensim.models import Word2Vec

    model = Word2Vec(corpus_file=corpus_path, vector_size=dim, window=window,
                     min_count=min_count, sg=1 if sg else 0, epochs=epochs,
                     workers=workers, seed=seed)
    if not len(model.wv):
        raise ModelError(f"no word occurs {min_count} times in {corpus_path}: "
                         f"no vectors to train (lower min_count)")
    return model.wv


def build_news_pretrain(news_path: str, out_path: str, dim: int = 100, min_count: int = 3,
                        max_vocab: int = 200_000, epochs: int = 5, workers: int = 1,
                        seed: int = 1234,
                        progress: Callable[[str], None] | None = None) -> dict:
    """Tokenise a news corpus, train word2vec on it and save a Stanza pretrain at `out_path`.

    Keeps the `max_vocab` most frequent words. Gives what was done: counts, vocabulary
    sizes, the word2vec settings and the seconds each stage took. The tokenised corpus
    is written next to `out_path` and removed afterwards.
    """
    from kgraph.ner_train import save_pretrain

    started = time.monotonic()
    corpus = out_path + ".tokens.txt"
    try:
        counts = tokenize_news(news_path, corpus, progress)
        tokenised = time.monotonic()
        if progress is not None:
            progress(f"training word2vec ({dim} dimensions, min_count {min_count}, "
                     f"{epochs} epochs, {workers} worker(s))")
        vectors = train_word2vec(corpus, dim=dim, min_count=min_count, epochs=epochs,
                                 workers=workers, seed=seed)
    finally:
        if os.path.exists(corpus):
            os.remove(corpus)
    trained = time.monotonic()
    save_pretrain(vectors, out_path, max_vocab=max_vocab)
    kept = min(len(vectors), max_vocab - 4) if max_vocab > 0 else len(vectors)
    if progress is not None:
        progress(f"word vectors: {kept} of {len(vectors)} words kept in {out_path}")
    return {**counts, "dim": dim, "min_count": min_count, "epochs": epochs, "window": 5,
            "algorithm": "word2vec skip-gram", "workers": workers, "seed": seed,
            "vocabulary": len(vectors), "kept": kept,
            "seconds": {"tokenise": round(tokenised - started, 1),
                        "word2vec": round(trained - tokenised, 1),
                        "pretrain": round(time.monotonic() - trained, 1)}}
