"""safetensors files between nns and the `safetensors` library : nns's files read
by safetensors.numpy with the right keys, shapes, values and metadata; files the library writes
(F32 and F64) loaded into nns with the right weights; hostile files refused with a message."""
import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file, save_file

from nnstest import folder, run_script as nns


def test_numpy_reads_an_nns_network(binary):
    d = folder()
    nns(binary, f"""
    seed(7)
    X = rand(32, 3)
    Y = rand(32, 2)
    net = mlp([3, 5, 4, 2], act: tanh, out: sigmoid)
    train(net, X, Y, epochs: 20)
    save(net, "{d}/net.safetensors")
    for i in 0..3 {{
        save(net.layers[i].W, "{d}/W" + str(i) + ".npy")
        save(net.layers[i].b, "{d}/b" + str(i) + ".npy")
    }}
    """)
    tensors = load_file(f"{d}/net.safetensors")
    assert sorted(tensors) == sorted([f"layers.{i}.{p}" for i in range(3) for p in ("weight", "bias")]), tensors.keys()
    for i, shape in enumerate([(5, 3), (4, 5), (2, 4)]):
        w, b = tensors[f"layers.{i}.weight"], tensors[f"layers.{i}.bias"]
        assert w.dtype == np.float64 and w.shape == shape, (w.dtype, w.shape)
        assert b.shape == (shape[0],)
        # every bit: the same bytes as nns's own .npy of W and b
        assert np.array_equal(w.view(np.uint64), np.load(f"{d}/W{i}.npy").view(np.uint64))
        assert np.array_equal(b.view(np.uint64), np.load(f"{d}/b{i}.npy").view(np.uint64))
    with safe_open(f"{d}/net.safetensors", framework="np") as f:
        meta = f.metadata()
    assert meta["nns.kind"] == "network" and meta["nns.layers"] == "3", meta
    assert [meta[f"nns.layers.{i}.act"] for i in range(3)] == ["tanh", "tanh", "sigmoid"], meta
    assert meta["nns.version"], meta


def test_numpy_reads_autoencoders_and_vaes(binary):
    d = folder()
    nns(binary, f"""
    seed(3)
    X = rand(20, 6)
    ae = autoencoder(6, 3, sparsity: kl(rho: 0.05, beta: 3), noise: masking(0.2))
    train(ae, X, epochs: 5)
    save(ae, "{d}/ae.safetensors")
    save(ae.W, "{d}/W.npy"); save(ae.W2, "{d}/W2.npy"); save(ae.b, "{d}/b.npy"); save(ae.b2, "{d}/b2.npy")
    v = vae(6, 2, hidden: 4)
    train(v, X, epochs: 5)
    save(v, "{d}/v.safetensors")
    save(v.enc.W, "{d}/enc.npy"); save(v.logvar.b, "{d}/logvar_b.npy")
    """)
    ae = load_file(f"{d}/ae.safetensors")
    assert sorted(ae) == ["W", "W2", "b", "b2"], ae.keys()
    assert ae["W"].shape == (3, 6) and ae["W2"].shape == (6, 3)
    for k in ("W", "W2", "b", "b2"):
        assert np.array_equal(ae[k], np.load(f"{d}/{k}.npy")), k
    with safe_open(f"{d}/ae.safetensors", framework="np") as f:
        meta = f.metadata()
    assert meta["nns.kind"] == "autoencoder" and meta["nns.sparsity"] == "kl" and meta["nns.rho"] == "0.05", meta
    assert meta["nns.noise"] == "masking" and meta["nns.noise_param"] == "0.2" and meta["nns.act"] == "sigmoid", meta
    v = load_file(f"{d}/v.safetensors")
    assert sorted(v) == sorted(f"{n}.{p}" for n in ("enc", "mu", "logvar", "dec", "out") for p in ("weight", "bias")), v.keys()
    assert v["enc.weight"].shape == (4, 6) and v["mu.weight"].shape == (2, 4) and v["out.weight"].shape == (6, 4)
    assert np.array_equal(v["enc.weight"], np.load(f"{d}/enc.npy"))
    assert np.array_equal(v["logvar.bias"], np.load(f"{d}/logvar_b.npy"))


def sequential_state_dict(sizes, dtype, rng):
    """The state dict of nn.Sequential(Linear, ReLU, Linear, ReLU, ..., Linear, Softmax): layers
    at modules 0, 2, 4, ..., so with six layers the last is module 10."""
    out = {}
    for i in range(len(sizes) - 1):
        out[f"{2 * i}.weight"] = rng.standard_normal((sizes[i + 1], sizes[i])).astype(dtype)
        out[f"{2 * i}.bias"] = rng.standard_normal(sizes[i + 1]).astype(dtype)
    return out


def forward(state, X):
    """ReLU hidden layers, softmax output, in float64 from the stored values."""
    keys = sorted({k.split(".")[0] for k in state}, key=int)
    a = X
    for n, k in enumerate(keys):
        z = a @ state[f"{k}.weight"].astype(np.float64).T + state[f"{k}.bias"].astype(np.float64)
        if n < len(keys) - 1:
            a = np.maximum(z, 0)
        else:
            e = np.exp(z - z.max(axis=1, keepdims=True))
            a = e / e.sum(axis=1, keepdims=True)
    return a


def test_library_files_load_into_nns_f32_and_f64(binary):
    rng = np.random.default_rng(5)
    sizes = [4, 7, 6, 5, 6, 5, 3]
    X = rng.standard_normal((50, 4))
    for dtype in (np.float32, np.float64):
        d = folder()
        state = sequential_state_dict(sizes, dtype, rng)
        save_file(state, f"{d}/w.safetensors", metadata={"format": "pt"})
        np.save(f"{d}/x.npy", X)
        nns(binary, f"""
        net = load("{d}/w.safetensors", act: relu, out: softmax)
        for i in 0..len(net.layers) {{
            save(net.layers[i].W, "{d}/W" + str(i) + ".npy")
            save(net.layers[i].b, "{d}/b" + str(i) + ".npy")
        }}
        print(net.layers[0].act, net.layers[5].act, len(net.layers))
        save(net(load("{d}/x.npy")), "{d}/y.npy")
        """)
        for i in range(len(sizes) - 1):
            # natural order (0, 2, ..., 10), and F32 widened to Float64 exactly
            assert np.array_equal(np.load(f"{d}/W{i}.npy"), state[f"{2 * i}.weight"].astype(np.float64)), (dtype, i)
            assert np.array_equal(np.load(f"{d}/b{i}.npy"), state[f"{2 * i}.bias"].astype(np.float64)), (dtype, i)
        y = np.load(f"{d}/y.npy")
        assert np.max(np.abs(y - forward(state, X))) < 1e-12, np.max(np.abs(y - forward(state, X)))


def test_nns_files_survive_the_library_and_back(binary):
    """A file written by nns, read and rewritten by the library (sorted, re-padded), loads back."""
    d = folder()
    nns(binary, f"""
    seed(2)
    save(mlp([3, 4, 2], act: swish, out: softmax), "{d}/a.safetensors")
    """)
    with safe_open(f"{d}/a.safetensors", framework="np") as f:
        meta = f.metadata()
    save_file(load_file(f"{d}/a.safetensors"), f"{d}/b.safetensors", metadata=meta)
    out = nns(binary, f"""
    a = load("{d}/a.safetensors")
    b = load("{d}/b.safetensors")
    X = randn(5, 3)
    print(b.layers[0].act, b.layers[1].act, max(abs(a(X) - b(X))), sum(a.layers[0].W != b.layers[0].W))
    """)
    assert out.stdout == "<fn swish> <fn softmax> 0 0\n", out.stdout


def test_hostile_files_are_messages(binary):
    d = folder()
    header = b'{"a":{"dtype":"F64","shape":[4],"data_offsets":[0,32]}}'
    lying = header.replace(b"[4]", b"[1000000000000]")
    cases = {
        "truncated": (len(header).to_bytes(8, "little") + header + bytes(8), "ends at byte 32 of the data"),
        "huge header": ((10 ** 12).to_bytes(8, "little") + b"{}", "over the 100 MB limit"),
        "lying shape": (len(lying).to_bytes(8, "little") + lying + bytes(32), "needs 8000000000000 bytes"),
        "f16": (None, "has dtype 'F16', which nns does not read"),
    }
    for name, (data, message) in cases.items():
        path = f"{d}/{name.replace(' ', '_')}.safetensors"
        if data is None:
            save_file({"w": np.zeros(4, dtype=np.float16)}, path)
        else:
            with open(path, "wb") as f:
                f.write(data)
        out = nns(binary, f'net = load("{path}")\n', expect_error=True)
        assert message in out.stderr and path in out.stderr, (name, out.stderr)
        assert ":1:7: error: load: " in out.stderr, out.stderr
