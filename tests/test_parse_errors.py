"""Bad input: one line per bad file naming it and the reason, every other file still parsed, exit codes 0/1/2."""

import os

import pytest

from .conftest import SEEDS, filings_unprivileged, invoke

GOOD = (SEEDS / "004_df0f2849f12c5e1a.txt").read_bytes()


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"\n  \n", "empty file"),
    ("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file, not text"),
    ("notes.txt", b"Call the broker on Monday about the lease.\nBring the keys.\n", "not an EDGAR filing"),
])
def test_bad_file_is_one_line_and_the_rest_still_parse(runner, tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "release.txt").write_bytes(GOOD)
    result = invoke(runner, "parse", tmp_path)
    assert result.exit_code == 1
    assert errors(result) == [f"error: {tmp_path / name}: " + errors(result)[0].split(": ", 2)[2]]
    assert reason in errors(result)[0]
    assert "release.txt" in result.stdout and "Traceback" not in result.output


def test_file_name_that_is_not_utf8_is_one_clear_line(runner, tmp_path):
    (tmp_path / os.fsdecode("café.txt".encode("latin-1"))).write_bytes(GOOD)
    (tmp_path / "release.txt").write_bytes(GOOD)
    result = invoke(runner, "parse", tmp_path)
    assert result.exit_code == 1
    [line] = errors(result)
    assert line.startswith(f"error: {tmp_path}/caf") and line.endswith(".txt: file name is not valid UTF-8; rename it")
    assert "release.txt" in result.stdout and "Traceback" not in result.output


def test_missing_path_is_reported_and_others_parse(runner, tmp_path):
    (tmp_path / "release.txt").write_bytes(GOOD)
    result = invoke(runner, "parse", tmp_path / "nope.txt", tmp_path / "release.txt")
    assert result.exit_code == 1
    assert errors(result) == [f"error: {tmp_path / 'nope.txt'}: no such file"]
    assert "Korea Thrunet Announces" in result.stdout


def test_unreadable_file(public_dir):
    locked = public_dir / "locked.txt"
    locked.write_bytes(GOOD)
    (public_dir / "release.txt").write_bytes(GOOD)
    locked.chmod(0)
    result = filings_unprivileged("parse", public_dir)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"error: {locked}: permission denied"
    assert "release.txt" in result.stdout


def test_a_symlink_that_leads_nowhere_is_reported(runner, tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    result = invoke(runner, "parse", tmp_path / "loop.txt")
    assert (result.exit_code, errors(result)) == (1, [f"error: {tmp_path / 'loop.txt'}: Too many levels of symbolic links"])


def test_special_file_is_not_read(runner, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = invoke(runner, "parse", fifo)
    assert (result.exit_code, errors(result)) == (1, [f"error: {fifo}: not a regular file"])


def test_directory_of_mixed_files(runner, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "release.txt").write_bytes(GOOD)
    (tmp_path / "cover.txt").write_bytes((SEEDS / "000_e15dcc41c4970baf.txt").read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.gif").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00" + bytes(64))
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    result = invoke(runner, "parse", "--json", tmp_path)
    assert result.exit_code == 1
    assert [line.split(": ")[1] for line in errors(result)] == [str(tmp_path / "empty.txt"),
                                                                str(tmp_path / "image.gif")]
    assert '"source": "sub/release.txt"' in result.stdout and '"source": "cover.txt"' in result.stdout
    assert "2 files parsed, 2 documents, 0 payloads skipped, 2 failed" in result.stderr


def test_all_good_exits_zero(runner):
    result = invoke(runner, "parse", SEEDS)
    assert (result.exit_code, errors(result)) == (0, [])


@pytest.mark.parametrize("args", [["parse"], ["parse", "--bogus", "x"], ["nosuchcommand"]])
def test_usage_errors_are_one_line_and_exit_two(runner, args):
    result = invoke(runner, *args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("error: ")
    assert "Traceback" not in result.output


def test_a_file_name_with_a_newline_or_an_escape_sequence_is_named_on_one_line(runner, tmp_path):
    """Found by fuzzing the CLI: `--index` given a newline printed a two-line error."""
    (tmp_path / "bad\nname \x1b[2J.txt").write_bytes(b"")
    result = invoke(runner, "parse", tmp_path)
    assert result.exit_code == 1
    assert errors(result) == [f"error: {tmp_path}/bad\\nname \\x1b[2J.txt: empty file"]

    result = invoke(runner, "search", "--index", "\n", "anything")
    assert (result.exit_code, result.stderr) == (2, "error: no index at \\n: build it with `filings reindex --index \\n`\n")


LONG = "x" * 300  # longer than a file name may be


@pytest.mark.parametrize("args", [
    ["search", "--index", LONG, "word"], ["stats", "--index", LONG], ["show", "--index", LONG, "0123456789abcdef"],
    ["reindex", "--index", LONG], ["reindex", "--corpus", LONG], ["serve", "--index", LONG],
    ["search", "--index", str(SEEDS / "004_df0f2849f12c5e1a.txt" / "index"), "word"],
    ["search", "--index", "\0", "word"], ["reindex", "--corpus", "a\0b"],
])
def test_a_folder_the_system_cannot_look_up_is_a_usage_error_naming_it(runner, tmp_path, args):
    """Found by fuzzing: an --index name too long for the file system ended in a traceback."""
    result = invoke(runner, *args, *(["--index", tmp_path / "index"] if "--corpus" in args else []))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("error: Invalid value for '--")
    reasons = ("File name too long", "Not a directory", "a path cannot hold a NUL character")
    assert sum(reason in result.stderr for reason in reasons) == 1


@pytest.mark.parametrize("name, reason", [(LONG, "File name too long"), ("a\0b", "a file name cannot hold a NUL character")])
def test_a_name_no_file_can_have_is_one_bad_file_among_good_ones(runner, tmp_path, name, reason):
    (tmp_path / "release.txt").write_bytes(GOOD)
    result = invoke(runner, "parse", tmp_path / name, tmp_path / "release.txt")
    assert result.exit_code == 1
    assert errors(result) == [f"error: {tmp_path / name}: {reason}".replace("\0", "\\x00")]
    assert "release.txt" in result.stdout
