"""Dataset registry: bundled sets, public sets fetched with checksum verification."""

from __future__ import annotations

import shutil

import pytest

import navtrain as nt
from navtrain import datasets
from navtrain.errors import InputFileError, UnknownNameError


@pytest.fixture
def real_cache(shared_data, monkeypatch):
    monkeypatch.setenv(datasets.CACHE_ENV, str(shared_data / "real"))
    return shared_data / "real"


def test_registry_checksums_match_the_team_copies(real_cache):
    for entry in datasets.REGISTRY.values():
        assert datasets._sha256(real_cache / entry.filename) == entry.sha256, entry.name


def test_load_public_sets_from_the_cache(real_cache):
    lens = nt.load_dataset("pizza_lens")
    assert len(lens) == 1000 and lens.attrs["dataset"] == "pizza_lens"
    drones = nt.load_dataset("drones")
    assert len(drones) == 9071 and drones.attrs["import_report"].source == "lens"
    assert "MIT" in drones.attrs["notice"]


def test_checksum_mismatch_is_refused(shared_data, tmp_path, monkeypatch):
    shutil.copy(shared_data / "real" / "ritonavir.csv", tmp_path / "ritonavir.csv")
    with (tmp_path / "ritonavir.csv").open("ab") as fh:
        fh.write(b"tampered\n")
    monkeypatch.setenv(datasets.CACHE_ENV, str(tmp_path))
    with pytest.raises(InputFileError, match=r"checksum mismatch .*delete the file and fetch it again"):
        datasets.fetch("ritonavir")


def test_offline_without_a_copy_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv(datasets.CACHE_ENV, str(tmp_path))
    entry = datasets.REGISTRY["ritonavir"]
    # a loopback port nobody listens on: the download fails at once, as offline
    monkeypatch.setitem(datasets.REGISTRY, "ritonavir",
                        datasets.RemoteDataset(**{**entry.__dict__, "url": "http://127.0.0.1:9/ritonavir.csv"}))
    with pytest.raises(InputFileError, match=r"cannot download dataset 'ritonavir'.*fix: download "
                                             r"http://127\.0\.0\.1:9/ritonavir\.csv by hand into"):
        datasets.fetch("ritonavir")


def test_unknown_name_lists_the_available_ones():
    with pytest.raises(UnknownNameError, match=r"unknown dataset 'nope'; fix: use one of: .*pizza_lens"):
        nt.load_dataset("nope")
    with pytest.raises(UnknownNameError, match="sample"):
        datasets.fetch("nope")


def test_cli_lists_datasets(capsys, tmp_path, monkeypatch):
    from navtrain.cli import main

    monkeypatch.setenv(datasets.CACHE_ENV, str(tmp_path))
    assert main(["datasets", "list"]) == 0
    out = capsys.readouterr().out
    assert "sample" in out and "drones" in out and "not yet fetched" in out
