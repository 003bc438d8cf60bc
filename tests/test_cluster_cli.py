"""`filings cluster`: a cluster folder's configuration written from the schema, and its searchd nodes
started, reported and stopped for real (skipped where searchd is missing)."""

import json

import pytest

from .conftest import SEARCHD, free_ports, invoke


def test_init_writes_a_node_configuration_each_and_prints_the_address(runner, tmp_path):
    result = invoke(runner, "cluster", "init", tmp_path / "c", "--nodes", "3", "--port", "9400")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "sphinx://127.0.0.1:9401/filings"
    described = json.loads((tmp_path / "c" / "cluster.json").read_text())
    assert [node["port"] for node in described["nodes"]] == [9400, 9402, 9404]
    head = (tmp_path / "c" / "node-1.conf").read_text()
    assert head.count("agent = 127.0.0.1:") == 6  # the documents' and the texts' distributed tables
    assert "listen = 127.0.0.1:9401:mysql41" in head and "index filings_meta" in head
    other = (tmp_path / "c" / "node-3.conf").read_text()
    assert "type = distributed" not in other and "listen = 127.0.0.1:9404" in other
    # Every field a query can name is a full-text field of the schema.
    assert all(f"rt_field = {name}" in other for name in ("body", "title", "company_words", "form_type", "has"))


def test_init_for_several_hosts_puts_a_node_on_each(runner, tmp_path):
    result = invoke(runner, "cluster", "init", tmp_path / "c", "--nodes", "2", "--hosts", "search1,search2")
    assert result.exit_code == 0 and result.stdout.splitlines()[-1] == "sphinx://search1:9313/filings"
    head = (tmp_path / "c" / "node-1.conf").read_text()
    assert "agent = search1:9312:filings_docs" in head and "agent = search2:9312:filings_docs" in head


@pytest.mark.parametrize("args, message", [
    (["--nodes", "2", "--hosts", "a,b,c"], "--hosts names 3 hosts for --nodes 2: name one a node"),
    (["--nodes", "0"], "Invalid value for '--nodes'"),
])
def test_init_refuses_what_it_cannot_lay_out(runner, tmp_path, args, message):
    result = invoke(runner, "cluster", "init", tmp_path / "c", *args)
    assert result.exit_code == 2 and message in result.stderr and len(result.stderr.splitlines()) == 1


def test_init_leaves_a_folder_of_other_things_alone(runner, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = invoke(runner, "cluster", "init", tmp_path, "--nodes", "1")
    assert result.exit_code == 2 and "is not empty and holds no cluster" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]


def test_a_folder_without_a_cluster_is_named(runner, tmp_path):
    result = invoke(runner, "cluster", "status", tmp_path)
    assert result.exit_code == 2 and f"{tmp_path} is not a cluster folder" in result.stderr


@pytest.mark.cluster
@pytest.mark.skipif(SEARCHD is None, reason="searchd is not installed (apt-get install sphinxsearch)")
def test_start_status_stop_run_real_nodes(runner, tmp_path):
    root = tmp_path / "c"
    assert invoke(runner, "cluster", "init", root, "--nodes", "2", "--port", str(free_ports(4))).exit_code == 0
    try:
        started = invoke(runner, "cluster", "start", root)
        assert (started.exit_code, started.stdout) == (0, "started 2 nodes: 1, 2\n"), started.stderr
        assert invoke(runner, "cluster", "start", root).stdout == "started 0 nodes (all were running)\n"
        status = invoke(runner, "cluster", "status", root)
        assert status.exit_code == 0 and status.stdout.count("running here (pid") == 2
        assert "node 1 (head)" in status.stdout and status.stdout.count("answers") == 2
        assert invoke(runner, "cluster", "stop", root, "--node", "2").stdout == "stopped 1 node\n"
        down = invoke(runner, "cluster", "status", root)
        assert down.exit_code == 69 and "node 2 of the cluster" in down.stderr and "does not answer" in down.stderr
    finally:
        invoke(runner, "cluster", "stop", root)
    assert "answers" not in invoke(runner, "cluster", "status", root).stdout.replace("does not answer", "")
