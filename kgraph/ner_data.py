"""NER training data for `kgraph models build`: ANERcorp and AQMAR as BIO files.

Both corpora are read as they are distributed: one `TOKEN TAG` pair a line, a blank line
between sentences, clitics left on the word. Their labels are mapped to one tag set,
PER / ORG / LOC / MISC:

* ANERcorp (CAMeL-style `ANERCorp_CamelStyle_train.txt` / `_test.txt`): PERS -> PER;
  LOC, ORG, MISC unchanged.
* AQMAR (28 `.txt` files): as Stanza's `convert_ar_aqmar.py` does: every MIS* class
  (MIS0-MIS3 and the typos MIS, MIS-1, MISS1, MIS1`) -> MISC, I--ORG -> I-ORG, the
  foreign-word tags B-ENGLISH / B-SPANISH and the stray tags OO / IO -> O. Its sentences
  are read in Stanza's file order, shuffled with seed 1234 and split 70/15/15 into
  train / dev / test, so AQMAR test is the one the official Stanza model reports.

`prepare_ner_data` writes train, dev and the two test files: train is ANERcorp train
less its last sentences plus AQMAR train; dev is those last ANERcorp-train sentences
plus AQMAR dev; ANERcorp test and AQMAR test are never trained or tuned on.
"""
from __future__ import annotations

import os
import random
from collections.abc import Callable, Sequence

from kgraph.errors import ModelError
from kgraph.ner_train import read_columns

ANERCORP_TRAIN = "ANERCorp_CamelStyle_train.txt"
ANERCORP_TEST = "ANERCorp_CamelStyle_test.txt"
AQMAR_FILES = 28
AQMAR_SEED = 1234
TYPES = ("PER", "ORG", "LOC", "MISC")

Sentence = list[tuple[str, str]]


def anercorp_tag(tag: str) -> str:
    """An ANERcorp tag in the PER/ORG/LOC/MISC set: B-PERS -> B-PER, others unchanged.

    Raises ValueError for a tag outside O and B-/I- x PERS, PER, ORG, LOC, MISC.
    """
    if tag == "O":
        return tag
    prefix, _, label = tag.partition("-")
    label = "PER" if label == "PERS" else label
    if prefix not in ("B", "I") or label not in TYPES:
        raise ValueError(f"not an ANERcorp tag: {tag!r}")
    return f"{prefix}-{label}"


def aqmar_tag(tag: str) -> str:
    """An AQMAR tag in the PER/ORG/LOC/MISC set, mapped as Stanza's convert_ar_aqmar.py does.

    Any tag starting with O is O; I-MIS*/B-MIS* -> MISC; I--ORG -> I-ORG; B-ENGLISH and
    B-SPANISH -> O; anything else that is not B-X or I-X (IO) -> O. B-/I- PER, ORG, LOC
    stay. Raises ValueError for a B-/I- tag of another type, which Stanza would keep.
    """
    if tag.startswith("O"):
        return "O"
    if tag.startswith("I-"):
        label = tag[2:]
        if label.startswith("MIS"):
            return "I-MISC"
        if label.startswith("-"):
            label = label[1:]
    elif tag.startswith("B-"):
        label = tag[2:]
        if label.startswith("MIS"):
            return "B-MISC"
        if label.startswith(("ENGLISH", "SPANISH")):
            return "O"
    else:
        return "O"
    if label not in TYPES:
        raise ValueError(f"not an AQMAR tag: {tag!r}")
    return f"{tag[0]}-{label}"


def read_tagged(path: str, mapping: Callable[[str], str]) -> list[Sentence]:
    """Read a `TOKEN TAG` file into sentences of (token, mapped tag) (`ner_train.read_columns`).

    Raises ModelError naming the file and line for a line without exactly two columns or
    with a tag `mapping` refuses, and for a file that cannot be read or holds no sentence.
    """
    def tag_of(parts: list[str]) -> str:
        if len(parts) != 2:
            raise ValueError(f"expected 'TOKEN TAG', got {' '.join(parts)!r}")
        return mapping(parts[1])

    return read_columns(path, tag_of)


def anercorp_files(folder: str) -> tuple[str, str]:
    """The CAMeL-style train and test files of an ANERcorp folder; ModelError when missing."""
    paths = tuple(os.path.join(folder, name) for name in (ANERCORP_TRAIN, ANERCORP_TEST))
    missing = [os.path.basename(p) for p in paths if not os.path.isfile(p)]
    if missing:
        raise ModelError(f"{folder}: no {' or '.join(missing)} (the CAMeL-style ANERcorp split)")
    return paths  # type: ignore[return-value]


def aqmar_files(folder: str) -> list[str]:
    """AQMAR's annotation files in the order Stanza reads them; ModelError unless there are 28.

    The order is sorted by name with Computer_Software.txt before Computer.txt (the
    shell's order when Stanza's models were made), which the seeded shuffle depends on.
    """
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".txt"))
    except OSError as exc:
        raise ModelError(f"cannot read the AQMAR folder {folder}: {exc.strerror}") from exc
    if len(names) != AQMAR_FILES:
        raise ModelError(f"{folder}: expected the {AQMAR_FILES} AQMAR .txt files, found {len(names)}")
    if "Computer.txt" in names and "Computer_Software.txt" in names:
        i, j = names.index("Computer.txt"), names.index("Computer_Software.txt")
        names[i], names[j] = names[j], names[i]
    return [os.path.join(folder, n) for n in names]


def split_aqmar(sentences: Sequence[Sentence], seed: int = AQMAR_SEED
                ) -> tuple[list[Sentence], list[Sentence], list[Sentence]]:
    """Shuffle sentences with `seed` and split them 70/15/15 into (train, dev, test).

    The same shuffle and cut points as Stanza's convert_ar_aqmar.py (int(n * 0.7),
    int(n * 0.15)); the input is not changed.
    """
    shuffled = list(sentences)
    random.Random(seed).shuffle(shuffled)
    n_train, n_dev = int(len(shuffled) * 0.7), int(len(shuffled) * 0.15)
    return (shuffled[:n_train], shuffled[n_train:n_train + n_dev],
            shuffled[n_train + n_dev:])


def write_bio(path: str, sentences: Sequence[Sentence]) -> str:
    """Write sentences as `TOKEN TAG` lines, a blank line after each; give the path."""
    with open(path, "w", encoding="utf-8") as fh:
        for sent in sentences:
            fh.writelines(f"{w} {t}\n" for w, t in sent)
            fh.write("\n")
    return path


def _entities(sentences: Sequence[Sentence]) -> dict:
    counts = dict.fromkeys(TYPES, 0)
    for sent in sentences:
        for _, tag in sent:
            if tag.startswith("B-"):
                counts[tag[2:]] += 1
    return counts


def prepare_ner_data(anercorp_dir: str, aqmar_dir: str, out_dir: str,
                     dev_fraction: float = 0.1) -> dict:
    """Write train.bio, dev.bio, anercorp-test.bio and aqmar-test.bio into `out_dir`.

    The last `dev_fraction` of ANERcorp-train sentences go to dev with AQMAR dev (the
    file's end, as ANERcorp's own test split is its end). Gives {"files": {name: path},
    "sources": {"anercorp": [paths], "aqmar": [paths]}, "sentences": {name: n},
    "tokens": {name: n}, "entities": {name: {TYPE: n}}}.
    """
    if not 0 < dev_fraction < 1:
        raise ModelError(f"dev_fraction must be between 0 and 1, got {dev_fraction}")
    aner_train_path, aner_test_path = anercorp_files(anercorp_dir)
    aqmar_paths = aqmar_files(aqmar_dir)
    aner_train = read_tagged(aner_train_path, anercorp_tag)
    aner_test = read_tagged(aner_test_path, anercorp_tag)
    aqmar = [s for p in aqmar_paths for s in read_tagged(p, aqmar_tag)]
    aq_train, aq_dev, aq_test = split_aqmar(aqmar)
    cut = len(aner_train) - max(1, round(len(aner_train) * dev_fraction))
    parts = {"train": aner_train[:cut] + aq_train, "dev": aner_train[cut:] + aq_dev,
             "anercorp-test": aner_test, "aqmar-test": aq_test}
    os.makedirs(out_dir, exist_ok=True)
    files = {name: write_bio(os.path.join(out_dir, f"{name}.bio"), sents)
             for name, sents in parts.items()}
    return {"files": files,
            "sources": {"anercorp": [aner_train_path, aner_test_path], "aqmar": aqmar_paths},
            "sentences": {name: len(s) for name, s in parts.items()},
            "tokens": {name: sum(map(len, s)) for name, s in parts.items()},
            "entities": {name: _entities(s) for name, s in parts.items()}}
