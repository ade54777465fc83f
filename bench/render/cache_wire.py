#!/usr/bin/env python3
"""Render cache at the wire: render_image round trips for a miss (after a one-voxel edit) and a
hit (the same request again), against a running daemon. Usage: cache_wire.py SOCKET [SIZE]."""
import json, socket, statistics, sys, time

sock = socket.socket(socket.AF_UNIX)
sock.connect(sys.argv[1])
size = int(sys.argv[2]) if len(sys.argv) > 2 else 512
reader = sock.makefile("rb")
next_id = 0


def call(method, params):
    global next_id
    next_id += 1
    sock.sendall(json.dumps({"jsonrpc": "2.0", "id": next_id, "method": method, "params": params}).encode() + b"\n")
    reply = json.loads(reader.readline())
    if "error" in reply:
        raise SystemExit(f"{method}: {reply['error']}")
    return reply["result"]


call("goxel.create_project", {"name": "cache-bench"})
call("goxel.procedural_shape", {"shape_type": "sphere", "size_x": 128, "size_y": 128, "size_z": 128, "r": 200, "g": 120, "b": 40})
request = {"width": size, "height": size}
misses, hits = [], []
for i in range(18):
    call("goxel.add_voxel", {"x": 0, "y": 0, "z": 70, "color": [255, i * 10, 0, 255]})
    start = time.perf_counter()
    first = call("goxel.render_image", request)["image_data"]
    misses.append(time.perf_counter() - start)
    start = time.perf_counter()
    again = call("goxel.render_image", request)["image_data"]
    hits.append(time.perf_counter() - start)
    assert first == again
misses, hits = misses[3:], hits[3:]
m, h = statistics.median(misses) * 1000, statistics.median(hits) * 1000
print(f"render_image {size}x{size} PNG round trip, median of {len(hits)}: miss after a one-voxel edit {m:.2f} ms, hit {h:.3f} ms, miss/hit {m / h:.0f}x ({len(first)} base64 chars)")
stats = call("goxel.get_render_stats", {})["cache"]
print("cache:", json.dumps(stats))
