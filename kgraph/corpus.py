"""Files -> Articles. The text is kept exactly as read (only a UTF-8 BOM is dropped).

Accepted inputs: a directory (searched recursively), `.txt` files (the first line may be
the title), and `.jsonl` / `.json` files of records with `text` and optional `title`,
`date`, `url`, `source`, `id`. Anything else raises CorpusError naming the file.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import CorpusError
from .types import Article

TEXT_SUFFIXES = (".txt",)
RECORD_SUFFIXES = (".jsonl", ".json")
SUFFIXES = TEXT_SUFFIXES + RECORD_SUFFIXES
_FIELDS = ("title", "date", "url", "source")


def decode(path: Path, raw: bytes) -> str:
    """UTF-8 bytes (with or without BOM) -> str; CorpusError for anything else."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"not UTF-8 text (byte {exc.start}: {raw[exc.start:exc.start + 1]!r})") from exc


def _title_of(text: str) -> str | None:
    first = text.lstrip("\n").split("\n", 1)[0].strip()
    return first or None


def read_text_file(path: Path) -> Article:
    """A .txt file -> one Article, id = file stem, title = its first non-empty line."""
    text = decode(path, path.read_bytes())
    if not text.strip():
        raise CorpusError(path, "empty file")
    return Article(id=path.stem, text=text, path=str(path), title=_title_of(text))


def _article_from_record(path: Path, where: str, record: object, fallback_id: str) -> Article:
    if not isinstance(record, dict):
        raise CorpusError(path, f"{where}: expected an object with a \"text\" field, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(path, f"{where}: record has no \"text\" string")
    extra = {}
    for name in _FIELDS:
        value = record.get(name)
        extra[name] = None if value is None else str(value)
    art_id = str(record["id"]) if record.get("id") not in (None, "") else fallback_id
    return Article(id=art_id, text=text, path=str(path), **extra)


def read_record_file(path: Path) -> list[Article]:
    """A .jsonl (one record per line) or .json (a record or a list of them) file -> Articles."""
    text = decode(path, path.read_bytes())
    records: list[tuple[str, object]] = []
    if path.suffix.lower() == ".jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    records.append((f"line {n}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise CorpusError(path, f"line {n}: invalid JSON ({exc.msg})") from exc
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CorpusError(path, f"invalid JSON at line {exc.lineno} ({exc.msg})") from exc
        items = data if isinstance(data, list) else [data]
        records = [(f"record {i}", r) for i, r in enumerate(items, 1)]
    if not records:
        raise CorpusError(path, "no records")
    single = len(records) == 1
    return [_article_from_record(path, where, rec, path.stem if single else f"{path.stem}-{i}")
            for i, (where, rec) in enumerate(records, 1)]


def corpus_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories (recursively, sorted) into the article files they hold."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                raise CorpusError(p, f"no article files ({', '.join(SUFFIXES)}) in this directory")
            files.extend(found)
        elif p.is_file():
            if p.suffix.lower() not in SUFFIXES:
                raise CorpusError(p, f"unsupported file type {p.suffix or '(none)'!r}; "
                                     f"expected one of {', '.join(SUFFIXES)}")
            files.append(p)
        else:
            raise CorpusError(p, "no such file or directory")
    return files


def read_corpus(paths: Iterable[str | Path]) -> Iterator[Article]:
    """Yield the Articles of every file under `paths`; article ids must be unique."""
    seen: dict[str, str] = {}
    for f in corpus_files(paths):
        articles = [read_text_file(f)] if f.suffix.lower() in TEXT_SUFFIXES else read_record_file(f)
        for art in articles:
            if art.id in seen:
                raise CorpusError(f, f"duplicate article id {art.id!r} (also in {seen[art.id]})")
            seen[art.id] = str(f)
            yield art
