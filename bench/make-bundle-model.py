#!/usr/bin/python3
"""Write a deterministic ONNX classifier of about MB megabytes (default 100) for the bundle benchmark.

Usage: /usr/bin/python3 bench/make-bundle-model.py OUT.onnx [MB]

features[N,20] -> MatMul(W[20,2]) + Gather(table, [0, 1]) -> Softmax -> probabilities[N,2]. The big
`table` initializer makes the file MB megabytes while inference stays cheap, so the benchmark times
export and verification, not the model. Not committed; generated where the benchmark runs.
"""
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper, save


def main():
    out = sys.argv[1]
    megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 100.0
    rng = np.random.default_rng(20261203)
    table = (rng.standard_normal(int(megabytes * 1024 * 1024 / 4), dtype=np.float32) * 0.01).astype(np.float32)
    w = (rng.standard_normal((20, 2), dtype=np.float32) * 0.3).astype(np.float32)
    inits = [numpy_helper.from_array(table, "table"), numpy_helper.from_array(w, "W"),
             numpy_helper.from_array(np.array([0, 1], dtype=np.int64), "idx")]
    nodes = [
        helper.make_node("MatMul", ["features", "W"], ["mm"]),
        helper.make_node("Gather", ["table", "idx"], ["bias"]),
        helper.make_node("Add", ["mm", "bias"], ["logits"]),
        helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
    ]
    graph = helper.make_graph(nodes, "bundle_bench",
                              [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", 20])],
                              [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", 2])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="preflight-bench")
    model.ir_version = 8
    save(model, out)


if __name__ == "__main__":
    main()
