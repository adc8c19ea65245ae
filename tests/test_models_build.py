"""`kgraph models build` end to end on tiny data the tests write themselves, and the
corpus conversion it relies on (ANERcorp and AQMAR labels, AQMAR's 70/15/15 split).

The sentences and articles below are made up for these tests; nothing is copied from
any corpus, and nothing here needs ../shared. No mocks: the build tokenises the news
file, trains real word2vec vectors and a real (tiny) Stanza model, and scores it.
"""
from __future__ import annotations

import gzip
import json
import os
import random
import zipfile

import pytest
from click.testing import CliRunner

from kgraph.errors import ModelError
from kgraph.ner_data import (
    anercorp_tag,
    aqmar_files,
    aqmar_tag,
    prepare_ner_data,
    read_tagged,
    split_aqmar,
    write_bio,
)

pytestmark = pytest.mark.stanza

# The names of AQMAR's 28 files (names only: the order Stanza reads them in matters).
AQMAR_NAMES = [
    "Atom", "Christiano_Ronaldo", "Computer", "Computer_Software", "Crusades", "Damascus",
    "Enrico_Fermi", "Football", "Ibn_Tolun_Mosque", "Imam_Hussein_Shrine", "Internet",
    "Islamic_Golden_Age", "Islamic_History", "Light", "Linux", "Nuclear_Power",
    "Periodic_Table", "Physics", "Portugal_football_team", "Raul_Gonzales", "Razi",
    "Real_Madrid", "Richard_Stallman", "Soccer_Worldcup", "Solaris", "Summer_Olympics2004",
    "Ummaya_Mosque", "X_window_system",
]

PEOPLE = ["سامي الخطيب", "ليلى منصور", "كريم الهاشمي", "نادية السعدي", "يوسف العمري",
          "هالة الزين", "طارق البنا"]
PLACES = ["القاهرة", "عمان", "تونس", "بيروت", "الرباط", "مسقط", "جدة"]
BODIES = ["جمعية المهندسين", "نادي الشروق", "مجلس المدينة", "اتحاد الكتاب"]
EVENTS = ["مهرجان الربيع", "معرض الكتاب"]
TEMPLATES = [
    "زار {P} مدينة {L} أمس .",
    "قال {P} إن {O} ستعقد اجتماعها في {L} .",
    "افتتح {P} {M} في {L} .",
    "أعلن {O} أن {P} سيصل إلى {L} غدا .",
    "التقى {P} مع {P} في {L} لبحث خطط {O} .",
]
SLOTS = {"P": (PEOPLE, "PER"), "L": (PLACES, "LOC"), "O": (BODIES, "ORG"), "M": (EVENTS, "MISC")}


def sentence(rng: random.Random, labels: dict[str, str]) -> list[tuple[str, str]]:
    """One made-up sentence as (token, tag); `labels` renames types (PER -> PERS...)."""
    out = []
    for piece in rng.choice(TEMPLATES).split():
        if piece.startswith("{") and piece.endswith("}"):
            names, typ = SLOTS[piece[1]]
            typ = labels.get(typ, typ)
            for i, word in enumerate(rng.choice(names).split()):
                out.append((word, ("B-" if i == 0 else "I-") + typ))
        else:
            out.append((piece, "O"))
    return out


def aqmar_sentences(rng: random.Random, index: int) -> list[list[tuple[str, str]]]:
    """Two or three sentences in AQMAR's tags (MIS0-3), with one of its typos per file."""
    sents = [sentence(rng, {"MISC": f"MIS{rng.randint(0, 3)}"}) for _ in range(2 + index % 2)]
    typo = ["B-MIS1`", "B-MISS1", "B-MIS-2", "B-ENGLISH", "OO", "IO", "I--ORG"][index % 7]
    sents[0].append(("كلمة", typo))
    return sents


@pytest.fixture(scope="module")
def data_dirs(tmp_path_factory):
    """Tiny ANERcorp / AQMAR folders and a news JSONL.gz, each with a README naming a licence."""
    rng = random.Random(5)
    root = tmp_path_factory.mktemp("data")
    aner, aqmar, news = root / "anercorp", root / "aqmar", root / "news"
    for folder in (aner, aqmar, news):
        folder.mkdir()
    write_bio(aner / "ANERCorp_CamelStyle_train.txt",
                  [sentence(rng, {"PER": "PERS"}) for _ in range(80)])
    write_bio(aner / "ANERCorp_CamelStyle_test.txt",
                  [sentence(rng, {"PER": "PERS"}) for _ in range(20)])
    (aner / "README.md").write_text("# Tiny NER\n\n- **Licence**: CC BY-SA 4.0 (made up).\n",
                                    encoding="utf-8")
    for i, name in enumerate(AQMAR_NAMES):
        write_bio(aqmar / f"{name}.txt", aqmar_sentences(rng, i))
    articles = [{"id": f"a{i}", "title": " ".join(w for w, _ in sentence(rng, {})),
                 "text": "\n\n".join(" ".join(w for w, _ in sentence(rng, {})) for _ in range(6))}
                for i in range(60)]
    with gzip.open(news / "articles.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)
    (news / "README.md").write_text("# Tiny news\n\nLicence: **CC BY-NC-SA 4.0**, for tests. "
                                    "Nothing else.\n", encoding="utf-8")
    return {"anercorp": str(aner), "aqmar": str(aqmar), "news": str(news / "articles.jsonl.gz")}


@pytest.fixture(scope="module")
def built(data_dirs, tmp_path_factory):
    """`kgraph models build` run once through the CLI with few steps and small vectors."""
    import torch

    from kgraph.cli_models import models_group

    out = tmp_path_factory.mktemp("build") / "ner"
    before = torch.get_num_threads()
    result = CliRunner().invoke(models_group, [
        "build", "--news", data_dirs["news"], "--anercorp", data_dirs["anercorp"],
        "--aqmar", data_dirs["aqmar"], "-o", str(out), "--steps", "20", "--dim", "16",
        "--threads", "1"])
    torch.set_num_threads(before)
    assert result.exit_code == 0, result.output + repr(result.exception)
    return out, result


# --- labels ------------------------------------------------------------------------

def test_anercorp_labels_map_to_per_org_loc_misc():
    assert [anercorp_tag(t) for t in ("B-PERS", "I-PERS", "B-LOC", "I-ORG", "B-MISC", "O")] == \
        ["B-PER", "I-PER", "B-LOC", "I-ORG", "B-MISC", "O"]
    with pytest.raises(ValueError):
        anercorp_tag("B-GPE")


@pytest.mark.parametrize("tag, expected", [
    ("B-MIS0", "B-MISC"), ("I-MIS3", "I-MISC"), ("B-MIS", "B-MISC"), ("I-MIS", "I-MISC"),
    ("B-MIS-1", "B-MISC"), ("B-MIS-2", "B-MISC"), ("B-MISS1", "B-MISC"), ("B-MIS1`", "B-MISC"),
    ("I--ORG", "I-ORG"), ("B-ENGLISH", "O"), ("B-SPANISH", "O"), ("OO", "O"), ("IO", "O"),
    ("O", "O"), ("B-PER", "B-PER"), ("I-LOC", "I-LOC"), ("B-ORG", "B-ORG"),
])
def test_aqmar_labels_and_typos(tag, expected):
    assert aqmar_tag(tag) == expected


def test_a_bad_tag_names_file_and_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("كلمة O\nأخرى B-GPE\n", encoding="utf-8")
    with pytest.raises(ModelError, match=r"bad.txt:2: .*B-GPE"):
        read_tagged(str(path), aqmar_tag)


# --- the AQMAR split -------------------------------------------------------------------

def test_aqmar_split_is_70_15_15_and_deterministic():
    sents = [[(f"w{i}", "O")] for i in range(200)]
    first, again = split_aqmar(sents), split_aqmar(list(sents))
    assert first == again
    assert [len(part) for part in first] == [140, 30, 30]
    assert sorted(s[0][0] for part in first for s in part) == sorted(s[0][0] for s in sents)
    assert split_aqmar(sents, seed=1) != first


def test_aqmar_split_matches_stanzas_converter(data_dirs, tmp_path):
    """The same files, order, tags and split as stanza's convert_ar_aqmar.py on a zip."""
    import contextlib
    import io

    from stanza.utils.datasets.ner.convert_ar_aqmar import convert_shuffle

    archive = tmp_path / "aqmar.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name in AQMAR_NAMES:
            zf.write(os.path.join(data_dirs["aqmar"], f"{name}.txt"), f"{name}.txt")
    with contextlib.redirect_stdout(io.StringIO()):
        convert_shuffle(str(archive), str(tmp_path), "ar_aqmar")
    paths = aqmar_files(data_dirs["aqmar"])
    assert [os.path.basename(p) for p in paths[2:4]] == ["Computer_Software.txt", "Computer.txt"]
    ours = split_aqmar([s for p in paths for s in read_tagged(p, aqmar_tag)])
    for shard, part in zip(("train", "dev", "test"), ours, strict=True):
        theirs = read_tagged(str(tmp_path / f"ar_aqmar.{shard}.bio"), lambda t: t)
        assert theirs == part, shard


def test_prepare_keeps_test_sets_apart(data_dirs, tmp_path):
    data = prepare_ner_data(data_dirs["anercorp"], data_dirs["aqmar"], str(tmp_path))
    assert data["sentences"]["anercorp-test"] == 20
    n_aqmar = 14 * 2 + 14 * 3  # aqmar_sentences: 2 or 3 a file
    assert data["sentences"]["dev"] == 8 + int(n_aqmar * 0.15)  # last 10% of 80, AQMAR dev
    assert data["sentences"]["train"] == 72 + int(n_aqmar * 0.7)
    tags = {t for p in data["files"].values() for s in read_tagged(p, lambda t: t) for _, t in s}
    assert tags <= {"O"} | {f"{b}-{t}" for b in "BI" for t in ("PER", "ORG", "LOC", "MISC")}


def test_aqmar_needs_its_28_files(tmp_path):
    (tmp_path / "One.txt").write_text("كلمة O\n", encoding="utf-8")
    with pytest.raises(ModelError, match="28"):
        aqmar_files(str(tmp_path))


# --- the build end to end ---------------------------------------------------------------

def test_build_writes_model_scores_and_provenance(built, data_dirs):
    out, result = built
    for name in ("model.pt", "model.pretrain.pt", "model.json", "LICENSES.md",
                 "data/train.bio", "data/dev.bio", "data/anercorp-test.bio", "data/aqmar-test.bio"):
        assert (out / name).is_file(), name
    assert not any(n.endswith(".tokens.txt") for n in os.listdir(out))
    assert "ANERcorp test:" in result.output and "AQMAR test:" in result.output
    info = json.loads((out / "model.json").read_text(encoding="utf-8"))
    assert info["pretrain"] == "model.pretrain.pt"
    assert set(info["test"]) == {"anercorp", "aqmar"}
    assert 0 <= info["test"]["anercorp"]["f1"] <= 1
    assert set(info["stage_seconds"]) == {"data", "vectors", "train", "score", "total"}
    assert info["vectors"]["articles"] == 60 and info["vectors"]["dim"] == 16
    src = info["sources"]
    assert src["news"]["licence"] == "CC BY-NC-SA 4.0"
    assert src["anercorp"]["licence"] == "CC BY-SA 4.0"
    assert src["aqmar"]["licence"] == "CC BY-SA 3.0"  # no README: the corpus's known licence
    assert len(src["aqmar"]["files"]) == 28 and len(src["anercorp"]["files"]) == 2
    news = src["news"]["files"][0]
    assert news["path"] == os.path.abspath(data_dirs["news"])
    from kgraph.model_build import sha256_of
    assert news["sha256"] == sha256_of(data_dirs["news"])
    licences = (out / "LICENSES.md").read_text(encoding="utf-8")
    for text in ("CC BY-NC-SA 4.0", "CC BY-SA 4.0", "CC BY-SA 3.0", "Benajiba", "Mohit",
                 "NonCommercial", "ShareAlike", "https://creativecommons.org/licenses/by-sa/3.0/"):
        assert text in licences


def test_built_model_loads_and_tags(built):
    from kgraph.models import load_stanza_pipeline, pretokenize
    from kgraph.ner_stanza import stanza_mentions
    from kgraph.ner_train import tag_sentences
    from kgraph.types import Article

    out, _ = built
    pipeline = load_stanza_pipeline(str(out / "model.pt"), threads=1)
    text = "زار سامي الخطيب مدينة القاهرة أمس ."
    tokens = [[tok for tok, _, _ in sent] for sent in pretokenize(text)]
    tags = tag_sentences(pipeline, tokens)
    assert [len(t) for t in tags] == [len(s) for s in tokens]
    assert all(t == "O" or t[:2] in ("B-", "I-", "E-", "S-") for sent in tags for t in sent)
    article = Article(id="t", text=text)
    for m in stanza_mentions(article, pipeline):
        assert text[m.start:m.end] == m.surface


def test_build_refuses_to_overwrite_without_force(built, data_dirs):
    from kgraph.cli_models import models_group

    out, _ = built
    result = CliRunner().invoke(models_group, [
        "build", "--news", data_dirs["news"], "--anercorp", data_dirs["anercorp"],
        "--aqmar", data_dirs["aqmar"], "-o", str(out), "--quiet"])
    assert result.exit_code == 1
    assert "--force" in result.output


def test_build_needs_its_data_options(tmp_path):
    from kgraph.cli_models import models_group

    result = CliRunner().invoke(models_group, ["build", "-o", str(tmp_path / "m")])
    assert result.exit_code == 2 and "--news" in result.output


def test_build_rejects_an_anercorp_folder_without_the_split(data_dirs, tmp_path):
    from kgraph.model_build import build_ner_model

    with pytest.raises(ModelError, match="ANERCorp_CamelStyle_train.txt"):
        build_ner_model(data_dirs["news"], str(tmp_path), data_dirs["aqmar"], str(tmp_path / "m"))


def test_a_news_line_that_is_not_json_is_named(tmp_path):
    from kgraph.word_vectors import read_news

    path = tmp_path / "news.jsonl"
    path.write_text('{"text": "نص"}\nnot json\n', encoding="utf-8")
    with pytest.raises(ModelError, match=r"news.jsonl:2"):
        list(read_news(str(path)))
