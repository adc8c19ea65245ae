"""Reading a corpus: text kept exactly, ids, formats, and one-line errors naming the file."""
import json

import pytest

from kgraph.corpus import read_corpus
from kgraph.errors import CorpusError

TEXT = "«عنوان» الخبر\n\nاستقبل الرئيسُ الوفدَ في القاهرة.\r\nسطر ثانٍ"


def test_corpus_txt_kept_exactly_and_titled(tmp_path):
    (tmp_path / "a1.txt").write_bytes(("\ufeff" + TEXT).encode("utf-8"))
    [art] = read_corpus([tmp_path])
    assert art.id == "a1"
    assert art.text == TEXT  # BOM dropped, CRLF and diacritics kept
    assert art.title == "«عنوان» الخبر"


def test_corpus_directory_is_recursive_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "a.txt").write_text("نص آخر", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [a.id for a in read_corpus([tmp_path])] == ["a", "z"]


def test_corpus_jsonl_records(tmp_path):
    rows = [{"id": "x1", "text": "نص أول", "title": "ع", "date": "2025-09-06", "url": "http://e/1"},
            {"text": "نص ثان", "source": "وكالة"}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows),
                                         encoding="utf-8")
    arts = list(read_corpus([tmp_path / "feed.jsonl"]))
    assert [a.id for a in arts] == ["x1", "feed-2"]
    assert arts[0].date == "2025-09-06" and arts[0].url == "http://e/1"
    assert arts[1].source == "وكالة" and arts[1].text == "نص ثان"


def test_corpus_json_single_record_takes_file_stem(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"text": "نص"}), encoding="utf-8")
    assert [a.id for a in read_corpus([tmp_path / "one.json"])] == ["one"]


@pytest.mark.parametrize("name, content, reason", [
    ("bad.txt", "نص".encode("cp1256"), "not UTF-8 text"),
    ("empty.txt", b"  \n", "empty file"),
    ("bad.jsonl", b'{"text": "x"}\n{oops\n', "line 2: invalid JSON"),
    ("notext.json", b'{"title": "t"}', 'record has no "text" string'),
    ("doc.pdf", b"%PDF", "unsupported file type '.pdf'"),
])
def test_corpus_bad_input_names_file_and_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CorpusError) as err:
        list(read_corpus([path]))
    message = str(err.value)
    assert message.startswith(str(path) + ": ") and reason in message and "\n" not in message


def test_corpus_missing_path(tmp_path):
    with pytest.raises(CorpusError, match="no such file or directory"):
        list(read_corpus([tmp_path / "nope"]))


def test_corpus_duplicate_ids_are_refused(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text("نص", encoding="utf-8")
    with pytest.raises(CorpusError, match="duplicate article id 'x'"):
        list(read_corpus([tmp_path]))
