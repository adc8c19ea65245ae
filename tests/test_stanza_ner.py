"""The real Stanza NER path: train a small model on synthetic BIO data, load it with
stanza.Pipeline, tag articles, score, and drive the CLI. No mocks, no shared data.

The session fixture `small_ner_model` trains one small model (about half a minute on
two CPU cores) that every test here reuses.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import socket

import pytest
from click.testing import CliRunner

from kgraph.errors import ModelError
from kgraph.ner_data import write_bio
from kgraph.types import LOCATION, ORG, PERSON, Article

pytestmark = pytest.mark.stanza

# --- synthetic Arabic news sentences ---------------------------------------------

PERSONS = [
    "عبد الفتاح السيسي", "محمود عباس", "إيمانويل ماكرون", "بنيامين نتنياهو",
    "رجب طيب أردوغان", "جو بايدن", "فلاديمير بوتين", "محمد بن سلمان", "تميم بن حمد",
    "عبد الله الثاني", "سامح شكري", "أيمن الصفدي", "بدر عبد العاطي", "أنتوني بلينكن",
    "ستيفن ويتكوف", "خليل الحية", "فيصل بن فرحان", "حسين إبراهيم طه", "كير ستارمر",
    "أولاف شولتس", "جورجيا ميلوني", "نجيب ميقاتي", "نبيه بري", "حسن رشاد",
    "محمد شياع السوداني", "أنطونيو غوتيريش", "جوزيب بوريل", "مارك روته",
]
LOCATIONS = [
    "القاهرة", "الدوحة", "عمان", "باريس", "واشنطن", "موسكو", "أنقرة", "الرياض", "غزة",
    "رفح", "بيروت", "دمشق", "طهران", "لندن", "برلين", "روما", "جنيف", "نيويورك",
    "شرم الشيخ", "الضفة الغربية", "خان يونس", "مصر", "قطر", "فرنسا", "الأردن",
    "تركيا", "السعودية", "لبنان", "سوريا", "إيران", "بريطانيا", "ألمانيا", "إيطاليا",
    "روسيا", "الولايات المتحدة", "إسرائيل", "العراق", "الإمارات", "القدس", "بغداد",
]
ORGS = [
    "الأمم المتحدة", "جامعة الدول العربية", "حركة حماس", "الاتحاد الأوروبي",
    "منظمة التعاون الإسلامي", "مجلس الأمن", "الصليب الأحمر", "حلف الناتو",
    "وكالة الأونروا", "منظمة الصحة العالمية", "البنك الدولي", "صندوق النقد الدولي",
    "حزب الله", "السلطة الفلسطينية", "مجلس التعاون الخليجي", "الجامعة العربية",
    "اللجنة الدولية للصليب الأحمر", "حركة فتح", "الاتحاد الأفريقي",
]
TEMPLATES = [
    "التقى الرئيس {P} مع وزير خارجية {L} في {L} .",
    "استقبل {P} في {L} وفدا من {O} .",
    "قال {P} إن {O} تطالب بوقف إطلاق النار في {L} .",
    "أعلنت {O} أن {P} سيزور {L} الأسبوع المقبل .",
    "بحث {P} و{P} الأوضاع في {L} خلال اتصال هاتفي .",
    "جرت مباحثات في {L} وب{L} بمشاركة ممثلين عن {O} .",
    "دعا {P} {O} إلى التحرك العاجل لوقف الحرب .",
    "أكد المتحدث باسم {O} أن الوفد غادر {L} صباح اليوم .",
    "وجه {P} رسالة ل{O} بشأن الأوضاع الإنسانية .",
    "شارك ممثلون عن {O} و{O} في اجتماع {L} .",
    "نقلت وكالة الأنباء عن {P} قوله إن المفاوضات في {L} مستمرة .",
    "زار {P} مدينة {L} أمس والتقى ممثلي {O} .",
    "وقال {P} في مؤتمر صحفي ب{L} إن الهدنة صامدة .",
    "رحبت {L} بالاتفاق الذي رعته {O} في {L} .",
    "أجرى وزير الخارجية {P} محادثات مع نظيره {P} في {L} .",
    "وطالب {P} {L} بالانسحاب من {L} فورا .",
    "رفضت {O} المقترح الذي قدمه {P} خلال زيارته إلى {L} .",
    "وصل {P} إلى {L} قادما من {L} في جولة إقليمية .",
    "وأشار {P} إلى أن {O} ستعقد اجتماعا طارئا في {L} .",
    "ذكرت مصادر في {L} أن {P} سيلتقي {P} الأسبوع المقبل .",
    "ووصل الوفد إلى {L} ، وب{L} التقى {P} .",
    "وأكد {P} أن رسالة ل{O} ستصل اليوم .",
]
_TAG = {"P": "PERS", "L": "LOC", "O": "ORG"}


def attach(clitic: str, word: str) -> str:
    """Glue a proclitic to a word as Arabic spells it: ل + الأمم -> للأمم."""
    if clitic.endswith("ل") and word.startswith("ال"):
        return clitic + word[1:]
    return clitic + word


def make_sentence(rng: random.Random) -> list[tuple[str, str]]:
    """One synthetic sentence as (token, BIO tag) pairs; a clitic stays on its word."""
    out = []
    for piece in rng.choice(TEMPLATES).split():
        slot = next((s for s in "PLO" if f"{{{s}}}" in piece), None)
        if slot is None:
            out.append((piece, "O"))
            continue
        clitic = piece.split("{", 1)[0]
        name = rng.choice({"P": PERSONS, "L": LOCATIONS, "O": ORGS}[slot]).split()
        name[0] = attach(clitic, name[0]) if clitic else name[0]
        for i, word in enumerate(name):
            out.append((word, ("B-" if i == 0 else "I-") + _TAG[slot]))
    return out


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread():
    """Run this module's models on one torch thread: on a busy machine (pytest -n, other
    jobs) two spinning OpenMP threads on two cores are several times slower."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session")
def synthetic_bio(tmp_path_factory):
    """Train/dev/test BIO files of synthetic sentences (400/60/60), fixed seed."""
    rng = random.Random(7)
    folder = tmp_path_factory.mktemp("bio")
    sents = [make_sentence(rng) for _ in range(520)]
    return {"train": write_bio(str(folder / "train.bio"), sents[:400]),
            "dev": write_bio(str(folder / "dev.bio"), sents[400:460]),
            "test": write_bio(str(folder / "test.bio"), sents[460:])}


SMALL = dict(max_steps=150, word_dim=32, hidden_dim=64, char_hidden_dim=32,
             char_emb_dim=32, eval_interval=50, lr=0.005, seed=11, threads=1)


@pytest.fixture(scope="session")
def small_ner_model(synthetic_bio, tmp_path_factory):
    """A small real Stanza NER model trained on `synthetic_bio`: its TrainResult."""
    from kgraph.ner_train import train_ner_model

    out = tmp_path_factory.mktemp("model") / "small.pt"
    return train_ner_model(synthetic_bio["train"], synthetic_bio["dev"], str(out), **SMALL)


@pytest.fixture(scope="session")
def small_pipeline(small_ner_model):
    """The real stanza.Pipeline loaded from the small model."""
    from kgraph.models import load_stanza_pipeline

    return load_stanza_pipeline(small_ner_model.path)


# --- training and scoring ------------------------------------------------------------

def test_train_writes_model_pretrain_and_sidecar(small_ner_model):
    assert os.path.exists(small_ner_model.path)
    assert small_ner_model.pretrain_path.endswith("small.pretrain.pt")
    assert os.path.exists(small_ner_model.pretrain_path)
    with open(small_ner_model.path[:-3] + ".json", encoding="utf-8") as fh:
        sidecar = json.load(fh)
    assert sidecar["pretrain"] == "small.pretrain.pt"
    assert small_ner_model.seconds > 0


def test_score_ner_heldout_f1(small_ner_model, synthetic_bio):
    from kgraph.ner_train import score_ner

    scores = score_ner(small_ner_model.path, synthetic_bio["test"])
    assert scores["f1"] > 0.7, scores
    assert set(scores["per_type"]) == {"PERS", "LOC", "ORG"}
    assert scores["support"] > 100


def test_read_bio_renames_per_and_rejects_bad_tags(tmp_path):
    from kgraph.ner_train import read_bio

    good = tmp_path / "a.bio"
    good.write_text("محمد B-PER\nعباس I-PER\nقال O\n\nغزة B-LOC\n", encoding="utf-8")
    assert read_bio(str(good)) == [[("محمد", "B-PERS"), ("عباس", "I-PERS"), ("قال", "O")],
                                   [("غزة", "B-LOC")]]
    bad = tmp_path / "b.bio"
    bad.write_text("محمد PERSON\n", encoding="utf-8")
    with pytest.raises(ModelError, match=r"b.bio:1: tag 'PERSON'"):
        read_bio(str(bad))


# --- the pretrain must travel with the model ---------------------------------------------

def test_load_without_pretrain_raises(small_ner_model, tmp_path):
    from kgraph.models import load_stanza_pipeline

    copy = tmp_path / "nopre.pt"
    shutil.copyfile(small_ner_model.path, copy)
    with pytest.raises(ModelError, match="pretrain .* is missing"):
        load_stanza_pipeline(str(copy))


def test_load_follows_sidecar_and_reports_its_lost_pretrain(small_ner_model, tmp_path):
    from kgraph.models import find_pretrain, load_stanza_pipeline

    model = tmp_path / "moved.pt"
    shutil.copyfile(small_ner_model.path, model)
    shutil.copyfile(small_ner_model.pretrain_path, tmp_path / "vectors.pt")
    (tmp_path / "moved.json").write_text(json.dumps({"pretrain": "vectors.pt"}), encoding="utf-8")
    assert find_pretrain(str(model)) == str(tmp_path / "vectors.pt")
    load_stanza_pipeline(str(model))
    (tmp_path / "vectors.pt").unlink()
    with pytest.raises(ModelError, match="vectors.pt"):
        load_stanza_pipeline(str(model))


def test_load_missing_model_raises(tmp_path):
    from kgraph.models import load_stanza_pipeline

    with pytest.raises(ModelError, match="not found"):
        load_stanza_pipeline(str(tmp_path / "nothing.pt"))


def test_official_models_absent_raise_model_error(tmp_path, monkeypatch):
    from kgraph import models

    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    assert models.official_installed() is False
    with pytest.raises(ModelError, match="kgraph models download"):
        models.load_stanza_pipeline()


# --- mentions from articles -----------------------------------------------------------

def test_stanza_mentions_offsets_and_types(small_pipeline):
    from kgraph.ner_stanza import stanza_mentions

    text = ("التقى الرئيس عبد الفتاح السيسي مع وزير خارجية فرنسا في القاهرة.\n\n"
            "وقال أنطونيو غوتيريش إن الأمم المتحدة تطالب بوقف إطلاق النار في غزة.")
    art = Article(id="a1", text=text)
    mentions = stanza_mentions(art, small_pipeline)
    for m in mentions:
        assert text[m.start:m.end] == m.surface
        assert m.source == "stanza" and m.key is None and m.article_id == "a1"
    found = {(m.surface, m.type) for m in mentions}
    assert ("عبد الفتاح السيسي", PERSON) in found
    assert ("القاهرة", LOCATION) in found
    assert ("الأمم المتحدة", ORG) in found


def test_stanza_mentions_trim_proclitics(small_pipeline):
    from kgraph.ner_stanza import stanza_mentions

    text = ("ووصل الوفد إلى الدوحة ، وبالقاهرة التقى محمود عباس .\n"
            "وجه ماكرون رسالة للأمم المتحدة بشأن الأوضاع الإنسانية .")
    mentions = stanza_mentions(Article(id="a2", text=text), small_pipeline)
    found = {(m.surface, m.type) for m in mentions}
    assert ("القاهرة", LOCATION) in found, found
    # ل + ال is spelt لل: the exact text of the name starts after both letters
    assert ("أمم المتحدة", ORG) in found, found
    for m in mentions:
        assert text[m.start:m.end] == m.surface


def test_stanza_mentions_empty_article(small_pipeline):
    from kgraph.ner_stanza import stanza_mentions

    assert stanza_mentions(Article(id="e", text=" \n\n "), small_pipeline) == []


# --- CLI ---------------------------------------------------------------------------------

def test_cli_ner_train_and_score(synthetic_bio, tmp_path):
    from kgraph.cli_models import ner_group

    runner = CliRunner()
    model = tmp_path / "cli.pt"
    result = runner.invoke(ner_group, ["train", "--train", synthetic_bio["train"],
                                       "--dev", synthetic_bio["dev"], "-o", str(model),
                                       "--steps", "30", "--word-dim", "16", "--quiet"])
    assert result.exit_code == 0, result.output
    assert model.exists() and (tmp_path / "cli.pretrain.pt").exists()
    result = runner.invoke(ner_group, ["score", "--model", str(model),
                                       "--test", synthetic_bio["test"], "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert 0.0 <= scores["f1"] <= 1.0 and "per_type" in scores


def test_cli_ner_score_missing_pretrain_is_an_error(small_ner_model, synthetic_bio, tmp_path):
    from kgraph.cli_models import ner_group

    copy = tmp_path / "lonely.pt"
    shutil.copyfile(small_ner_model.path, copy)
    result = CliRunner().invoke(ner_group, ["score", "--model", str(copy),
                                            "--test", synthetic_bio["test"]])
    assert result.exit_code == 1
    assert result.output.startswith("Error: the word-vector pretrain of NER model")


def _model_hub_reachable() -> bool:
    try:
        socket.create_connection(("raw.githubusercontent.com", 443), timeout=3).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(_model_hub_reachable(), reason="needs a machine without network")
def test_cli_models_download_offline_fails_cleanly(tmp_path):
    from kgraph.cli_models import models_group

    result = CliRunner().invoke(models_group, ["download", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("Error: cannot download the Stanza Arabic models (no network?)")


def test_cli_ner_train_refuses_to_overwrite(synthetic_bio, tmp_path):
    from kgraph.cli_models import ner_group

    model = tmp_path / "exists.pt"
    model.write_bytes(b"x")
    result = CliRunner().invoke(ner_group, ["train", "--train", synthetic_bio["train"],
                                            "--dev", synthetic_bio["dev"], "-o", str(model)])
    assert result.exit_code == 1
    assert result.output == f"Error: {model} exists; pass --force to overwrite it\n"


@pytest.mark.parametrize("group, command", [("ner", "train"), ("ner", "score"),
                                            ("models", "download"), ("models", "status")])
def test_cli_model_commands_have_help_with_example(group, command):
    from kgraph.cli_models import models_group, ner_group

    grp = {"ner": ner_group, "models": models_group}[group]
    result = CliRunner().invoke(grp, [command, "-h"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"kgraph {group} {command}" in result.output


def test_cli_models_status_without_models(tmp_path):
    from kgraph.cli_models import models_group

    result = CliRunner().invoke(models_group, ["status", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith("not installed:")


def test_official_installed_follows_resources_json(tmp_path, monkeypatch):
    """The installed check reads Stanza's own resources.json logic: every file it names."""
    from kgraph import models

    deps = [{"model": "pretrain", "package": "conll17"},
            {"model": "forward_charlm", "package": "ccwiki"}]
    resources = {"ar": {"lang_name": "Arabic",
                        "packages": {"default": {"tokenize": "padt", "mwt": "padt",
                                                 "ner": "aqmar_charlm"}},
                        "tokenize": {"padt": {}}, "mwt": {"padt": {}},
                        "ner": {"aqmar_charlm": {"dependencies": deps}},
                        "pretrain": {"conll17": {}}, "forward_charlm": {"ccwiki": {}}}}
    (tmp_path / "resources.json").write_text(json.dumps(resources), encoding="utf-8")
    assert not models.official_installed(str(tmp_path))
    for proc, pkg in [("tokenize", "padt"), ("mwt", "padt"), ("ner", "aqmar_charlm"),
                      ("pretrain", "conll17")]:
        (tmp_path / "ar" / proc).mkdir(parents=True, exist_ok=True)
        (tmp_path / "ar" / proc / f"{pkg}.pt").write_bytes(b"not a model")
    assert not models.official_installed(str(tmp_path))  # forward_charlm still missing
    (tmp_path / "ar" / "forward_charlm").mkdir()
    (tmp_path / "ar" / "forward_charlm" / "ccwiki.pt").write_bytes(b"not a model")
    assert models.official_installed(str(tmp_path))
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    with pytest.raises(ModelError, match="cannot load the Stanza NER pipeline"):
        models.load_stanza_pipeline()
