"""What the Python test suites of nns (e2e, interop, jupyter) share: the runner that calls every
test_* function of every test_*.py file with the path of the nns binary, running nns and scripts
in scratch folders, an independent PNG decoder (CRCs, zlib, every row filter undone) and headless
Chromium. Standard library only, so the e2e suite still needs nothing installed."""
import importlib.util
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import zlib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# Every scratch file and folder lives below one directory, removed when the test process exits.
_scratch = tempfile.TemporaryDirectory(prefix="nns-tests-")


def main(suite, here):
    """Runs the tests in folder `here` and exits non-zero on any failure. Arguments on the command
    line name the tests or files (without .py) to run; `-k TEXT` keeps those whose name contains
    TEXT. A module's teardown_module() runs after its tests."""
    sys.path.insert(0, here)
    binary = os.environ.get("NNS_BIN") or os.path.join(ROOT, ".build", "release", "nns")
    args, patterns = sys.argv[1:], []
    while "-k" in args:
        at = args.index("-k")
        patterns += args[at + 1:at + 2]
        del args[at:at + 2]
    passed = failed = 0
    for name in sorted(os.listdir(here)):
        if not (name.startswith("test_") and name.endswith(".py")):
            continue
        spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(here, name))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for attr in sorted(dir(module)):
            if not (attr.startswith("test_") and callable(getattr(module, attr))):
                continue
            if args and attr not in args and name[:-3] not in args:
                continue
            if patterns and not any(p in f"{name}::{attr}" for p in patterns):
                continue
            started = time.monotonic()
            try:
                getattr(module, attr)(binary)
                passed += 1
                print(f"ok   {name}::{attr} ({time.monotonic() - started:.1f} s)", flush=True)
            except Exception:
                failed += 1
                print(f"FAIL {name}::{attr}", flush=True)
                traceback.print_exc()
        if hasattr(module, "teardown_module"):
            module.teardown_module()
    print(f"{suite}: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


# MARK: running nns

def nns_run(nns, *argv, stdin=None, timeout=60, **kw):
    """nns with `argv`, its output captured as text."""
    return subprocess.run([nns, *argv], input=stdin, capture_output=True, text=True, timeout=timeout, **kw)


def folder():
    """A new empty scratch folder."""
    return tempfile.mkdtemp(dir=_scratch.name)


def script(text):
    """A new scratch .nns file holding `text`; gives its path."""
    fd, path = tempfile.mkstemp(suffix=".nns", dir=_scratch.name)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    return path


def run_script(binary, source, expect_error=False, timeout=120):
    """Runs `source` as a script file; gives the completed process. Fails unless it exits 0
    (or, with expect_error, exits 1 with an error message — never a crash)."""
    out = nns_run(binary, script(source), timeout=timeout)
    if expect_error:
        assert out.returncode == 1 and ": error: " in out.stderr, (out.returncode, out.stdout, out.stderr)
    else:
        assert out.returncode == 0, (out.returncode, out.stdout, out.stderr)
    return out


# MARK: PNG

class PNG:
    """A decoded 8-bit, non-interlaced PNG: size, colour type, channels, the zlib-inflated image
    data (a filter byte before each row) and, from rows(), the pixel bytes with filters undone."""

    def __init__(self, width, height, colour, raw):
        self.width, self.height, self.colour, self.raw = width, height, colour, raw
        self.channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
        self.stride = width * self.channels

    def rows(self):
        """Each row's bytes with its filter undone (PNG specification, section 9)."""
        bpp, stride = self.channels, self.stride
        rows, previous = [], bytearray(stride)
        for y in range(self.height):
            kind = self.raw[y * (stride + 1)]
            line = bytearray(self.raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                if kind == 1:
                    line[i] = (line[i] + a) & 255
                elif kind == 2:
                    line[i] = (line[i] + b) & 255
                elif kind == 3:
                    line[i] = (line[i] + (a + b) // 2) & 255
                elif kind == 4:
                    # Paeth: the neighbour nearest to a + b − c.
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            rows.append(bytes(line))
            previous = line
        return rows

    def colours(self):
        """The set of (r, g, b) colours in the picture (grey as three equal values)."""
        found = set()
        for line in self.rows():
            for x in range(0, self.stride, self.channels):
                px = line[x:x + self.channels]
                found.add(tuple(px[:3]) if self.channels >= 3 else (px[0],) * 3)
        return found


def decode_png(data, colours=(0, 2, 4, 6)):
    """Checks PNG bytes (signature, every chunk's CRC, IHDR first and IEND last, 8 bits, no
    interlace, a colour type in `colours`, image data that fills the picture, filter bytes 0-4)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    pos, chunks = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, "bad CRC in chunk %r" % kind
        chunks.append((kind, body))
        pos += 12 + length
    assert chunks and chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND", [k for k, _ in chunks]
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1][:13])
    assert depth == 8 and interlace == 0 and colour in colours, (depth, colour, interlace)
    png = PNG(width, height, colour, zlib.decompress(b"".join(b for k, b in chunks if k == b"IDAT")))
    assert len(png.raw) == height * (png.stride + 1), "image data does not fill %d×%d" % (width, height)
    assert all(png.raw[r * (png.stride + 1)] <= 4 for r in range(height)), "bad row filter"
    return png


def read_png(path, colours=(0, 2, 4, 6)):
    """decode_png of a file."""
    with open(path, "rb") as f:
        return decode_png(f.read(), colours)


# MARK: Chromium

def chromium():
    """The headless browser's path (Scripts/test installs Debian's chromium when it is missing)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise AssertionError("headless Chromium is needed for the page tests (Scripts/test installs chromium)")


def browse(workdir, page, *flags, timeout=120):
    """Headless Chromium on the file `page`, with a profile of its own in `workdir`."""
    return subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                           f"--user-data-dir={os.path.join(workdir, 'profile')}", *flags, "file://" + page],
                          capture_output=True, text=True, timeout=timeout)
