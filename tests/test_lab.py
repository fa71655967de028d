"""`make lab` / `navtrain lab`: JupyterLab starts on the curriculum with nbgrader loaded."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request

from navtrain.cli import lab_command

TOKEN = "navtrain-test-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    req = urllib.request.Request(url, headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read().decode("utf-8"))


def test_lab_serves_the_curriculum_with_nbgrader(repo, tmp_path):
    port = _free_port()
    cmd = lab_command(repo, ["--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
                             f"--IdentityProvider.token={TOKEN}"])
    env = {"JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
           "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _get(f"{base}/api/status")
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
                assert time.monotonic() < deadline, "JupyterLab did not start within 90 s"
                time.sleep(0.5)
        top = {item["name"] for item in _get(f"{base}/api/contents")["content"]}
        assert {"courses", "exercises", "cases", "datasets"} <= top
        lesson = _get(f"{base}/api/contents/courses/c1_general")
        assert "l1_trend.ipynb" in {item["name"] for item in lesson["content"]}
        extensions = _get(f"{base}/lab/api/extensions")
        names = {e["name"] for e in extensions}
        assert {"jupyter-nbgrader", "jupyter-widgets-jupyterlab-manager"} <= names
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
        proc.stderr.close()
