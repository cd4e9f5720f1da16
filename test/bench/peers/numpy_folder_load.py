#!/usr/bin/python3
"""Reads and decodes every event file of a folder with the numpy peer's decoders
(../shared/peers/numpy_decode_bench.py), cold, in one process: the peer side of
test/bench/datasetLoad.ts. Prints one JSON line {"files", "events", "seconds"}.

  /usr/bin/python3 numpy_folder_load.py PEER_DIR FOLDER
"""
import importlib.util
import json
import os
import sys
import time

peer_dir, folder = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location("peer", os.path.join(peer_dir, "numpy_decode_bench.py"))
peer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(peer)


def decoder(path):
    if path.endswith(".bin"):
        return peer.decode_nbin
    if path.endswith(".aedat4"):
        return peer.decode_aedat4
    if path.endswith(".aedat"):
        return peer.decode_aedat2
    if path.endswith(".dat"):
        return peer.decode_dat
    return None


start = time.perf_counter()
files = 0
events = 0
for root, dirs, names in os.walk(folder):
    dirs.sort()
    for name in sorted(names):
        path = os.path.join(root, name)
        fn = decoder(path)
        if fn is None:
            continue
        events += len(fn(path))
        files += 1
print(json.dumps({"files": files, "events": events, "seconds": time.perf_counter() - start}))
