"""Chinese text on a real terminal screen (tmux) and through a pty: the caret of an error stands
under the offending token in scripts and at the prompt although wide characters come before it,
and `:vars` and terminal plots keep their columns with Chinese names. Screen columns are counted
with glibc's wcwidth (through ctypes), independently of nns's own tables."""
import ctypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyexpect import Spawn  # noqa: E402

_libc = ctypes.CDLL("libc.so.6")
_libc.wcwidth.argtypes = [ctypes.c_wchar]
_libc.setlocale.restype = ctypes.c_char_p
_libc.setlocale(0, b"C.UTF-8")  # LC_CTYPE: wcwidth answers by Unicode only in a UTF-8 locale


def columns(text):
    """Terminal columns of text, as glibc counts them."""
    return sum(max(_libc.wcwidth(c), 0) for c in text)


def screen_column(line, index):
    """The screen column where character `index` of a captured line starts."""
    return columns(line[:index])


class Tmux:
    """A program in a detached tmux session on its own server, its screen read with capture-pane."""

    def __init__(self, command, cols=100, rows=40, env=None):
        self.dir = tempfile.mkdtemp(prefix="nns-tmux-")
        self.socket = os.path.join(self.dir, "socket")
        extra = []
        for key, value in (env or {}).items():
            extra += ["-e", f"{key}={value}"]
        self.run("-f", "/dev/null", "new-session", "-d", "-s", "nns", "-x", str(cols), "-y", str(rows),
                 *extra, command)

    def run(self, *args):
        return subprocess.run(["tmux", "-u", "-S", self.socket, *args], capture_output=True, text=True,
                              timeout=30, check=True).stdout

    def send(self, text):
        """Types a line and Enter."""
        time.sleep(0.1)
        self.run("send-keys", "-t", "nns", "-l", text)
        self.run("send-keys", "-t", "nns", "Enter")

    def screen(self):
        return self.run("capture-pane", "-p", "-t", "nns").split("\n")

    def wait_for(self, pattern, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            lines = self.screen()
            if any(re.search(pattern, line) for line in lines):
                return lines
            time.sleep(0.1)
        raise AssertionError(f"{pattern!r} never appeared on the screen:\n" + "\n".join(self.screen()))

    def close(self):
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True, timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


def caret_under(lines, source, token):
    """Asserts the line after `source` holds a caret at the screen column of `token` in it."""
    i = next(k for k, line in enumerate(lines) if line.strip() == source)
    at = lines[i].index(source) + source.index(token)
    caret = lines[i + 1]
    assert caret.strip() == "^", "\n".join(lines)
    assert screen_column(caret, caret.index("^")) == screen_column(lines[i], at), "\n".join(lines)


def env_for(home):
    return {"HOME": home, "NNS_HISTORY": os.path.join(home, "history"), "NO_COLOR": "1", "TERM": "xterm",
            "LANG": "C.UTF-8"}


def test_script_caret_under_the_token_on_screen(nns):
    home = tempfile.mkdtemp(prefix="nns-wide-")
    path = os.path.join(home, "wide.nns")
    source = 'x = "神经网络" + zorblax'
    with open(path, "w", encoding="utf-8") as f:
        f.write("# 神经网络的第一个例子\n" + source + "\n")
    # The reported column counts characters: z is the 14th.
    out = subprocess.run([nns, path], capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and f"{path}:2:14: error: undefined name 'zorblax'" in out.stderr, out
    t = Tmux(f"{nns} {path}; echo __done__; sleep 60", env=env_for(home))
    try:
        caret_under(t.wait_for("__done__"), source, "zorblax")
    finally:
        t.close()
        shutil.rmtree(home, ignore_errors=True)


def test_prompt_caret_under_the_token_through_the_pty_and_on_screen(nns):
    home = tempfile.mkdtemp(prefix="nns-wide-")
    source = '权重 = "神经网络" + zorblax'
    env = dict(os.environ, **env_for(home))
    p = Spawn([nns], env=env, cwd=home)
    try:
        p.expect(r"In \[1\]: ", timeout=30)
        time.sleep(0.1)
        p.send(source + "\r")
        p.expect(r"In \[2\]: ", timeout=30)
        lines = p.text.replace("\r", "").split("\n")
        # The pty's stream: two spaces of indent, then the line; the caret line's spaces stand
        # for the screen columns before zorblax (two for each Chinese character).
        i = max(k for k, line in enumerate(lines) if line.strip() == source)
        assert lines[i + 1] == "  " + " " * columns(source[:source.index("zorblax")]) + "^", lines[i:i + 3]
        assert "error: undefined name 'zorblax'" in lines[i + 2]
    finally:
        p.close()
    t = Tmux(nns, env=env_for(home))
    try:
        t.wait_for(r"In \[1\]:")
        t.send(source)
        caret_under(t.wait_for(r"In \[2\]:"), source, "zorblax")
    finally:
        t.close()
        shutil.rmtree(home, ignore_errors=True)


def test_vars_columns_line_up_with_chinese_names_on_screen(nns):
    home = tempfile.mkdtemp(prefix="nns-wide-")
    t = Tmux(nns, env=env_for(home))
    try:
        t.wait_for(r"In \[1\]:")
        t.send("权重矩阵 = rand(3, 4)")
        t.send("lr = 0.1")
        t.send('名字 = "神经网络"')
        t.send(":vars")
        t.wait_for(r"^权重矩阵 ")
        lines = t.screen()
        start = next(k for k, line in enumerate(lines) if line.startswith("name "))
        rows = lines[start:start + 5]
        assert sorted(r.split()[0] for r in rows[1:]) == sorted(["args", "权重矩阵", "lr", "名字"]), rows
        # Each column starts at the same screen column in every row; memory is right-aligned.
        for word, column in [("kind", 1), ("shape", 2)]:
            header = screen_column(rows[0], rows[0].index(word))
            for r in rows[1:]:
                cells = [c for c in r.split("  ") if c]
                assert screen_column(r, r.index(cells[column].strip())) == header, rows
        ends = {columns(r.rstrip()) for r in rows}
        assert len(ends) == 1, rows
    finally:
        t.close()
        shutil.rmtree(home, ignore_errors=True)


def test_terminal_plot_labels_by_display_width_on_screen(nns):
    home = tempfile.mkdtemp(prefix="nns-wide-")
    t = Tmux(nns, cols=80, env=env_for(home))
    try:
        t.wait_for(r"In \[1\]:")
        t.send('plot(sigmoid, tanh, labels: ["激活函数", "双曲正切"], title: "转移函数", xlabel: "输入", ylabel: "输出")')
        lines = t.wait_for(r"In \[2\]:")
        title = next(line for line in lines if line.strip() == "转移函数")
        axis = next(line for line in lines if "└" in line)
        # The title is centred over the picture: as many columns on its left as on its right.
        left = columns(title) - columns(title.lstrip())
        assert abs(left - (columns(axis.rstrip()) - left - columns("转移函数"))) <= 2, lines
        assert any(line.strip() == "输出" for line in lines) and any(line.strip() == "输入" for line in lines)
        assert any("* 激活函数   + 双曲正切" in line for line in lines), lines
        assert all(columns(line) <= 80 for line in lines)
    finally:
        t.close()
        shutil.rmtree(home, ignore_errors=True)
