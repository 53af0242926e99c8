#!/usr/bin/python3
"""Write a valid, deterministic ONNX model of about MB megabytes (default 100) for benchmarks.

Usage: /usr/bin/python3 bench/make-big-model.py OUT.onnx [MB]

The model is a chain of square MatMul+Relu layers, x[N,D] -> y[N,D], whose float32 weights sit in
raw_data. Weights come from a fixed seed and are scaled so activations stay finite. The output is
not committed; generate it where a benchmark needs it.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

DIM = 1024  # each layer's weight is DIM x DIM float32 = 4 MiB


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    out = sys.argv[1]
    megabytes = float(sys.argv[2]) if len(sys.argv) == 3 else 100.0
    layers = max(1, round(megabytes * 1024 * 1024 / (DIM * DIM * 4)))
    rng = np.random.default_rng(20240601)
    nodes, inits = [], []
    prev = "x"
    for i in range(layers):
        w = (rng.standard_normal((DIM, DIM), dtype=np.float32) / np.sqrt(DIM)).astype(np.float32)
        inits.append(numpy_helper.from_array(w, f"layer{i}.weight"))
        nodes.append(helper.make_node("MatMul", [prev, f"layer{i}.weight"], [f"mm{i}"]))
        out_name = "y" if i == layers - 1 else f"relu{i}"
        nodes.append(helper.make_node("Relu", [f"mm{i}"], [out_name]))
        prev = out_name
    graph = helper.make_graph(
        nodes, "big_mlp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", DIM])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", DIM])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                              producer_name="preflight-bench", producer_version="1.0.0")
    model.ir_version = 8
    onnx.checker.check_model(model)  # in-memory check: fine below protobuf's 2 GiB limit
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "wb") as f:
        f.write(model.SerializeToString(deterministic=True))
    print(f"{out}: {layers} layers of {DIM}x{DIM}, {os.path.getsize(out) / 1e6:.1f} MB, "
          f"{layers * DIM * DIM} parameters")


if __name__ == "__main__":
    main()
