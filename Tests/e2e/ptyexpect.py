"""A minimal 'expect' over a real pseudo-terminal, standard library only (pty, os, select), so the
REPL tests need nothing beyond python3. Output is kept with terminal escape sequences removed and
carriage returns dropped, so tests match what a user reads."""
import os
import pty
import re
import select
import signal
import struct
import time

try:
    import fcntl
    import termios
except ImportError:  # not on a POSIX system: the tests cannot run anyway
    fcntl = termios = None

# CSI sequences (ESC [ ... final), OSC / other two-byte escapes, and bells.
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78DEHMc]|\x07|\x01")


class Timeout(AssertionError):
    pass


class Spawn:
    """A program on the slave side of a pty; `expect` waits for text, `send` types."""

    def __init__(self, argv, env=None, cwd=None, rows=40, cols=120):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            try:
                if cwd:
                    os.chdir(cwd)
                os.execve(argv[0], argv, env if env is not None else os.environ)
            finally:
                os._exit(127)
        if fcntl is not None:
            fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.text = ""      # everything read so far, cleaned
        self.raw = ""       # everything read so far, as the terminal received it
        self.pos = 0        # where the next expect starts looking
        self._pending = ""  # a trailing partial escape sequence
        self.status = None

    def _read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        if not data:
            raise EOFError
        decoded = data.decode("utf-8", errors="replace")
        self.raw += decoded
        raw = self._pending + decoded
        cut = raw.rfind("\x1b")
        if cut != -1 and not _ESCAPES.match(raw, cut) and len(raw) - cut < 16:
            self._pending, raw = raw[cut:], raw[:cut]
        else:
            self._pending = ""
        self.text += _ESCAPES.sub("", raw).replace("\r", "")
        return True

    def expect(self, pattern, timeout=20):
        """Waits until `pattern` (a regex string) appears after the last match; returns the match."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            m = regex.search(self.text, self.pos)
            if m:
                self.pos = m.end()
                return m
            left = deadline - time.monotonic()
            if left <= 0:
                raise Timeout(f"timed out waiting for {pattern!r}; output after last match:\n"
                              f"{self.text[self.pos:]!r}")
            try:
                self._read(min(left, 0.2))
            except EOFError:
                m = regex.search(self.text, self.pos)
                if m:
                    self.pos = m.end()
                    return m
                raise Timeout(f"program ended before {pattern!r}; output after last match:\n"
                              f"{self.text[self.pos:]!r}")

    def expect_exact(self, text, timeout=20):
        return self.expect(re.escape(text), timeout)

    def send(self, text):
        os.write(self.fd, text.encode("utf-8"))

    def sendline(self, text=""):
        self.send(text + "\r")

    def sendcontrol(self, char):
        self.send(chr(ord(char.lower()) - ord("a") + 1))

    def since(self, start):
        return self.text[start:]

    def wait(self, timeout=20):
        """Reads until the program exits; returns its exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                try:
                    while self._read(0.05):
                        pass
                except EOFError:
                    pass
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            try:
                self._read(0.1)
            except EOFError:
                pass
        raise Timeout("program did not exit; output after last match:\n" + self.text[self.pos:])

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
        try:
            os.close(self.fd)
        except OSError:
            pass
