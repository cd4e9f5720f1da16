#!/usr/bin/env python3
"""Runs the torch peer's csnn-nmnist (../shared/peers/torch_snn_bench.py, imported as is) on
weights and input given by spikeguard's parity test, and writes logits and gradients.

argv: PEER_DIR WORK_DIR. WORK_DIR/in.json: {"T","B","classes"}; float32 little-endian files
conv1.bin [16,2,3,3], conv2.bin [32,16,3,3], fc.bin [10,2048] (CHW flatten), x.bin [T,B,2,34,34],
y.bin int32 [B]. Writes logits.bin [B,10], dconv1.bin, dconv2.bin, dfc.bin (torch layouts) of
the mean cross-entropy.
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

peer_dir, work = sys.argv[1], sys.argv[2]
sys.path.insert(0, peer_dir)
import torch_snn_bench as peer  # noqa: E402

meta = json.load(open(os.path.join(work, "in.json")))
T, B = meta["T"], meta["B"]


def load(name, shape, dtype=torch.float32):
    data = bytearray(open(os.path.join(work, name), "rb").read())
    return torch.frombuffer(data, dtype=dtype).reshape(shape).clone()


model = peer.CSNN(loop="layer")
with torch.no_grad():
    model.conv1.weight.copy_(load("conv1.bin", (16, 2, 3, 3)))
    model.conv2.weight.copy_(load("conv2.bin", (32, 16, 3, 3)))
    model.fc.weight.copy_(load("fc.bin", (10, 2048)))
x = load("x.bin", (T, B, 2, 34, 34))
y = load("y.bin", (B,), torch.int32).long()
logits = model(x)
F.cross_entropy(logits, y).backward()
for name, t in (("logits", logits), ("dconv1", model.conv1.weight.grad),
                ("dconv2", model.conv2.weight.grad), ("dfc", model.fc.weight.grad)):
    open(os.path.join(work, name + ".bin"), "wb").write(t.detach().contiguous().numpy().astype("<f4").tobytes())
