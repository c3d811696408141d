"""What keeps a load's memory bounded (the measurement itself is bench/ingest_memory.py): every
connection opens with the declared memory limit, a text file is read in chunks rather than whole,
and the chunked reading agrees with the whole-file rules byte for byte."""

from __future__ import annotations

import codecs
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import ingest, parsing, store, textfile
from tests.identities import ME

_UNITS = {"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40}


def _memory_limit(con) -> float:
    text = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    number, unit = re.fullmatch(r"([\d.]+) (\w+)", text).groups()
    return float(number) * _UNITS[unit]


def test_connections_open_with_the_declared_memory_limit(tmp_path, monkeypatch):
    monkeypatch.delenv("CS_DASHBOARD_MEMORY_LIMIT", raising=False)
    con = store.connect(tmp_path / "a.duckdb")
    # DuckDB's own default is 80% of the machine; the declared one is at most 1.5 GiB
    assert _memory_limit(con) <= 1.5 * (1 << 30)
    assert _memory_limit(con) == pytest.approx(int(store.default_memory_limit()[:-3]) << 20, rel=0.01)
    con.close()
    reader = store.connect(tmp_path / "a.duckdb", read_only=True)
    assert _memory_limit(reader) <= 1.5 * (1 << 30)
    reader.close()
    monkeypatch.setenv("CS_DASHBOARD_MEMORY_LIMIT", "700MiB")
    con = store.connect(tmp_path / "b.duckdb")
    assert _memory_limit(con) == pytest.approx(700 << 20, rel=0.01)
    assert con.execute("SELECT current_setting('preserve_insertion_order')").fetchall()[0][0] is True
    con.close()


def _usage(values: list[str]) -> str:
    rows = [f"A{i % 3},2024-{i % 12 + 1:02d},logins,{v}" for i, v in enumerate(values)]
    return "account_id,month,metric,value\n" + "\n".join(rows) + "\n"


@pytest.mark.parametrize("name, data, rows", [
    ("clean.csv", _usage(["1", "20", "300"]).encode(), 3),                        # the one-pass load
    ("separators.csv", _usage(['"1,200"', "20", '"3,000"']).encode(), 3),         # staged, read in place
    ("shift_jis.csv", _usage(["1", "20", "300"]).replace("logins", "ログイン").encode("cp932"), 3),
])
def test_ingest_file_never_reads_a_text_file_whole(tmp_path, monkeypatch, name, data, rows):
    path = tmp_path / name
    path.write_bytes(data)
    con = store.connect(tmp_path / "db.duckdb")

    def whole(self):
        raise AssertionError(f"read_bytes({self.name}): a text file is read in chunks")

    monkeypatch.setattr(Path, "read_bytes", whole)
    prepared, version = ingest.ingest_file(con, path, "usage", by=ME)
    assert version is not None, [str(p) for p in prepared.problems]
    assert store.query(con, "SELECT count(*) AS n FROM usage")["n"].tolist() == [rows]
    con.close()


def test_a_file_that_cannot_be_decoded_names_the_same_row_from_disk_and_from_an_upload(tmp_path, monkeypatch):
    data = ("account_id,month,metric,value\n" + "A1,2024-01,logins,1\n" * 3).encode() + b"A2,2024-01,\x81\xff,1\n"
    path = tmp_path / "broken.csv"
    path.write_bytes(data)
    con = store.connect(tmp_path / "db.duckdb")
    with pytest.raises(ingest.IngestError) as uploaded:
        ingest.read_source(con, "broken.csv", data)
    monkeypatch.setattr(textfile, "CHUNK", 7)   # the bad bytes land on a chunk boundary
    with pytest.raises(ingest.IngestError) as on_disk:
        ingest.ingest_file(con, path, "usage", by=ME)
    assert str(on_disk.value) == str(uploaded.value)
    assert uploaded.value.problems[0].row == 5
    assert store.current_version(con) is None
    con.close()


_PIECES = st.sampled_from([b"a", b",", b"\n", b"\r", b" ", "日".encode("cp932"), "日".encode(), b"\x81",
                           b"\xff", b"\xa0", "ｱ".encode("cp932")])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=30), bom=st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE]),
       chunk=st.integers(3, 9), head=st.integers(3, 12))
def test_chunked_reading_agrees_with_the_whole_file_rules(pieces, bom, chunk, head):
    data = bom + b"".join(pieces)
    old = textfile.CHUNK, textfile.HEAD
    textfile.CHUNK, textfile.HEAD = chunk, head
    try:
        source = textfile.chunks(data, None)
        scan = textfile.scan(source)
        try:
            encoding = parsing.detect_encoding(data)[0]
        except UnicodeDecodeError:  # not valid in the encoding it must be: reading reports it (below)
            encoding = "utf-16" if bom == codecs.BOM_UTF16_LE else "cp932"
        assert (scan.encoding, scan.size, scan.blank, scan.head) == (encoding, len(data), not data.strip(),
                                                                     data[:head])
        assert scan.lines == data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
        if not scan.utf8:
            out = io.BytesIO()
            try:
                expected = data.decode(encoding)
            except UnicodeDecodeError as exc:
                with pytest.raises(textfile.Undecodable) as failed:
                    textfile.to_utf8(source, encoding, out)
                assert failed.value.row == data.count(b"\n", 0, exc.start) + 1
            else:
                first, complete = textfile.to_utf8(source, encoding, out)
                assert out.getvalue() == expected.encode("utf-8")
                assert (first, complete) == (expected[:head], len(expected) <= head)
    finally:
        textfile.CHUNK, textfile.HEAD = old
