"""Out of memory: values too large for the machine end in a located error before the allocation
(exit status 1 and a line:column), never in the kernel's out-of-memory killer: string and list
doubling, tensors past the free memory, show/scatter of huge inputs, and .npy, .safetensors and
.nnm files whose headers claim huge shapes. Each run is capped (RLIMIT_AS 8 GB) to spare the
machine should a check ever be missing."""
import json
import os
import resource
import shutil
import struct
import subprocess
import tempfile

CAP = 8 << 30


def _cap():
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


def _located_error(nns, code, cwd, says):
    out = subprocess.run([nns, "-e", code], cwd=cwd, capture_output=True, text=True, timeout=120,
                         preexec_fn=_cap)
    assert out.returncode == 1, (code, out.returncode, out.stderr[-500:])
    first = out.stderr.splitlines()[0] if out.stderr else ""
    assert first.startswith("<-e>:1:") and "error:" in first and says in first, (code, out.stderr[-500:])


def _huge_files(d):
    h = "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }"
    h += " " * (118 - len(h)) + "\n"
    with open(os.path.join(d, "huge.npy"), "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(h)) + h.encode() + b"\0" * 64)
    header = json.dumps({"w": {"dtype": "F64", "shape": [100000, 100000],
                               "data_offsets": [0, 80000000000]}}).encode()
    with open(os.path.join(d, "huge.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(header)) + header + b"\0" * 64)


def test_faults_out_of_memory_is_a_located_error(nns):
    d = tempfile.mkdtemp(prefix="nns-oom-")
    try:
        _located_error(nns, 's = "x"; while true { s = s + s }', d, "would make a string")
        _located_error(nns, 'l = ["a"]; while true { l = l + l }', d, "would make a list")
        _located_error(nns, "x = rand(100000, 100000)", d, "")
        _located_error(nns, "show(rand(20000, 64), shape: [8, 8])", d, "")
        _located_error(nns, "x = rand(3000000); scatter(x, x)", d, "")
        _huge_files(d)
        _located_error(nns, 'x = load("huge.npy")', d, "huge.npy")
        _located_error(nns, 'x = load("huge.safetensors")', d, "huge.safetensors")
        # A model file whose first weight claims 100000×100000: the shape's two u64 words patched.
        assert subprocess.run([nns, "-e", 'save(mlp([2, 3]), "m.nnm")'], cwd=d).returncode == 0
        data = bytearray(open(os.path.join(d, "m.nnm"), "rb").read())
        dims = struct.pack("<QQ", 3, 2)
        at = data.find(dims)
        assert at > 0
        data[at:at + 16] = struct.pack("<QQ", 100000, 100000)
        with open(os.path.join(d, "m.nnm"), "wb") as f:
            f.write(data)
        _located_error(nns, 'x = load("m.nnm")', d, "m.nnm")
    finally:
        shutil.rmtree(d, ignore_errors=True)
