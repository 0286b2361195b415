"""Shared fixtures: where the CLI, the sources and the sample archive are.

ctest runs these tests with BENGLE_CLI (the bengle program of the same build)
and BENGLE_SOURCE_DIR set, and PYTHONPATH pointing at the build tree's
package (README "Python")."""
import gzip
import json
import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

SOURCE_DIR = os.environ.get("BENGLE_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
CLI = os.environ.get("BENGLE_CLI", os.path.join(SOURCE_DIR, "build", "bengle"))
ARCHIVE = os.path.join(SOURCE_DIR, "data", "samples", "archive.jsonl.gz")


def run_cli(*args, check=True):
    r = subprocess.run([CLI, *args], capture_output=True, text=True)
    if check and r.returncode != 0:
        raise AssertionError(f"bengle {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r


@pytest.fixture(scope="session")
def archive_jsonl(tmp_path_factory):
    """The sample archive, uncompressed (byte ranges need a plain file)."""
    path = tmp_path_factory.mktemp("archive") / "archive.jsonl"
    with gzip.open(ARCHIVE, "rb") as src, open(path, "wb") as dst:
        dst.write(src.read())
    return str(path)


@pytest.fixture(scope="session")
def cli_store(tmp_path_factory):
    """The store `bengle ingest --threads 2` writes from the sample archive."""
    path = str(tmp_path_factory.mktemp("cli") / "cli.db")
    run_cli("ingest", "--threads", "2", "--db", path, ARCHIVE)
    return path


@pytest.fixture(scope="session")
def cli_incidents(cli_store, tmp_path_factory):
    """`bengle detect --format json` on a copy of that store."""
    import shutil

    copy = str(tmp_path_factory.mktemp("cli-detect") / "cli.db")
    shutil.copy(cli_store, copy)
    return json.loads(run_cli("detect", "--db", copy, "--format", "json").stdout)
