"""ONNX models written by nns , checked by the real onnx and onnxruntime:
onnx.checker's full check passes, onnxruntime's CPU predictions equal nns's within 1e-12 in DOUBLE
and 1e-5 in FLOAT for nets using each transfer function, at batch sizes 1 and 1,000."""
import zlib

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper

from nnstest import folder, run_script as nns

ACTS = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "softplus", "gelu", "swish", "softmax", "step"]
DOUBLE_TOLERANCE = 1e-12
FLOAT_TOLERANCE = 1e-5


def session(path):
    return ort.InferenceSession(path, providers=["CPUExecutionProvider"])


def export(binary, d, act, out, dtype):
    """Trains a small net with `act` hidden and `out` last, saves it as ONNX (dtype "f64" or
    "f32") and saves nns's predictions for inputs of batch 1 and 1,000 beside it."""
    rng = np.random.default_rng(zlib.crc32(f"{act} {out} {dtype}".encode()))
    for n in (1, 1000):
        np.save(f"{d}/x{n}.npy", rng.standard_normal((n, 5)) * 2)
    nns(binary, f"""
    seed(4)
    X = randn(64, 5)
    Y = rand(64, 3)
    net = mlp([5, 8, 6, 3], act: {act}, out: {out})
    train(net, X, Y, epochs: 10, opt: sgd(lr: 0.05))
    save(net, "{d}/m.onnx", dtype: "{dtype}")
    for n in [1, 1000] {{
        save(net(load("{d}/x" + str(n) + ".npy")), "{d}/y" + str(n) + ".npy")
    }}
    """)
    return f"{d}/m.onnx"


def largest_difference(path, d, dtype):
    s = session(path)
    worst = 0.0
    for n in (1, 1000):
        x = np.load(f"{d}/x{n}.npy").astype(dtype)
        (y,) = s.run(None, {"x": x})
        assert y.dtype == dtype and y.shape == (n, 3), (y.dtype, y.shape)
        worst = max(worst, float(np.max(np.abs(y.astype(np.float64) - np.load(f"{d}/y{n}.npy")))))
    return worst


def check_every_transfer_function(binary, acts, outs, dtype, np_type, tolerance):
    """Each hidden transfer function in `acts` with each output in `outs(act)`, exported in
    `dtype`: a valid ONNX model whose onnxruntime outputs are within `tolerance` of nns's."""
    for act in acts:
        for out in outs(act):
            d = folder()
            path = export(binary, d, act, out, dtype)
            onnx.checker.check_model(onnx.load(path), full_check=True)
            worst = largest_difference(path, d, np_type)
            assert worst <= tolerance, (act, out, worst)


def test_every_transfer_function_in_double(binary):
    # gelu: test_gelu_in_double_is_refused
    check_every_transfer_function(binary, [a for a in ACTS if a != "gelu"], lambda act: (act, "softmax", "sigmoid"),
                                  "f64", np.float64, DOUBLE_TOLERANCE)


def test_every_transfer_function_in_float(binary):
    check_every_transfer_function(binary, ACTS, lambda act: (act, "softmax"), "f32", np.float32, FLOAT_TOLERANCE)


def test_model_header_and_symbolic_batch(binary):
    d = folder()
    path = export(binary, d, "tanh", "sigmoid", "f64")
    m = onnx.load(path)
    assert m.producer_name == "nns" and m.producer_version, (m.producer_name, m.producer_version)
    assert m.doc_string.startswith(f"Written by nns {m.producer_version}: a network 5 → 8 → 6 → 3 (tanh, tanh, sigmoid)"), m.doc_string
    assert [o.version for o in m.opset_import if o.domain in ("", "ai.onnx")][0] >= 13
    (x,), (y,) = m.graph.input, m.graph.output
    assert x.name == "x" and y.name == "y"
    for v, width in ((x, 5), (y, 3)):
        assert v.type.tensor_type.elem_type == TensorProto.DOUBLE
        dims = v.type.tensor_type.shape.dim
        assert dims[0].dim_param == "batch" and not dims[0].HasField("dim_value"), dims
        assert dims[1].dim_value == width
    assert [n.op_type for n in m.graph.node] == ["Gemm", "Tanh", "Gemm", "Tanh", "Gemm", "Sigmoid"]
    gemm = m.graph.node[0]
    assert {a.name: a.i for a in gemm.attribute} == {"transB": 1}
    w = onnx.numpy_helper.to_array([t for t in m.graph.initializer if t.name == "layers.0.weight"][0])
    assert w.shape == (8, 5) and w.dtype == np.float64
    # A batch size the file never saw runs too.
    (out,) = session(path).run(None, {"x": np.zeros((37, 5))})
    assert out.shape == (37, 3)
    m32 = onnx.load(export(binary, folder(), "relu", "softmax", "f32"))
    assert m32.graph.input[0].type.tensor_type.elem_type == TensorProto.FLOAT
    assert all(t.data_type == TensorProto.FLOAT for t in m32.graph.initializer)


def test_gelu_in_double_is_refused(binary):
    """nns refuses gelu in DOUBLE because onnxruntime has no DOUBLE Erf; this checks both halves."""
    d = folder()
    out = nns(binary, f'save(mlp([2, 3, 1], act: gelu), "{d}/g.onnx")\n', expect_error=True)
    assert "gelu, which onnxruntime cannot run in DOUBLE" in out.stderr and 'dtype: "f32"' in out.stderr, out.stderr
    graph = helper.make_graph([helper.make_node("Erf", ["x"], ["y"])], "erf",
                              [helper.make_tensor_value_info("x", TensorProto.DOUBLE, ["n"])],
                              [helper.make_tensor_value_info("y", TensorProto.DOUBLE, ["n"])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    try:
        ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    except Exception as e:  # onnxruntime's NOT_IMPLEMENTED
        assert "Erf" in str(e), e
    else:
        raise AssertionError("onnxruntime now runs Erf in DOUBLE: nns can export gelu in DOUBLE too")
