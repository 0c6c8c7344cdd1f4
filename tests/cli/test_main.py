"""align.cli (the package): ``main``, ``python -m align``, and a run stopped with Ctrl-C."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from align import cli as cli_package
from align.cli import main
from tests.support import SAMPLE
from tests.support import SAMPLE_AUDIO as AUDIO


def test_python_dash_m_works() -> None:
    result = subprocess.run([sys.executable, "-m", "align", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "align, version 0.1.0"


@pytest.fixture(autouse=True)
def sigterm_restored() -> Iterator[None]:
    """main() installs its SIGTERM handler; the test process gets its own back."""
    before = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, before)


def test_main_runs_the_command_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                    tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "argv", ["align", "--version"])
    main()
    assert capsys.readouterr().out == "align, version 0.1.0\n"
    assert signal.getsignal(signal.SIGTERM) is cli_package._terminate  # a SIGTERM unwinds like Ctrl-C
    monkeypatch.setattr(sys, "argv", ["align", "captions", str(tmp_path / "missing.txt")])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 1
    assert capsys.readouterr().err == f"Error: {tmp_path / 'missing.txt'}: no such file; check the path\n"
    monkeypatch.setattr(sys, "argv", ["align", "captions", "--profile", "itv", "x.txt"])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 2 and "Invalid value for '--profile': 'itv' is not one of" in capsys.readouterr().err


@pytest.mark.parametrize(("raised", "code", "message"), [
    (KeyboardInterrupt, 130, "Interrupted; nothing half-written was left behind.\n"),
    (cli_package.Terminated, 143, "Terminated; nothing half-written was left behind.\n"),
])
def test_an_interrupted_run_says_so_and_exits_as_shells_expect(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], raised: type[BaseException], code: int,
        message: str) -> None:
    def stop(*args: object, **kwargs: object) -> None:
        raise raised

    monkeypatch.setattr(cli_package.cli, "main", stop)
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == code and capsys.readouterr().err == message


@pytest.mark.needs_ffmpeg
def test_ctrl_c_mid_alignment(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for _ in range(4):  # on a loaded machine the run may finish before the signal reaches it: again
        for done in out.iterdir():
            done.unlink()
        (out / "sample.vtt").write_text("an earlier file")
        proc = subprocess.Popen([sys.executable, "-m", "align", "captions", str(SAMPLE), "--audio", str(AUDIO),
                                 "-o", str(out), "--force", "-v"], stderr=subprocess.PIPE, text=True)
        assert proc.stderr is not None
        for line in proc.stderr:  # wait until the recording is decoded: alignment is under way
            if line.startswith("align: decoding"):
                break
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
        rest = proc.stderr.read()
        code = proc.wait(timeout=30)
        if code == 0:  # it had finished: its outputs are whole
            assert sorted(p.name for p in out.iterdir()) == ["sample.srt", "sample.vtt"]
            assert (out / "sample.vtt").read_text().startswith("WEBVTT")
            continue
        assert code == 130
        assert rest.strip().endswith("Interrupted; nothing half-written was left behind.") and "Traceback" not in rest
        assert sorted(p.name for p in out.iterdir()) == ["sample.vtt"]
        assert (out / "sample.vtt").read_text() == "an earlier file"
        break
    else:
        pytest.fail("every run finished before the signal reached it")
