#!/usr/bin/python3
"""The plain-Python baseline for Slack ingestion: json.load every day file of an unpacked export
(or of a zip, read in place with zipfile) and count what peerlearn's importer counts (messages, people's messages, replies, mentions,
reactions), with a dict of (from, to, day, channel) counts as the edge aggregation.
  slack_python.py EXPORT_DIR|EXPORT_ZIP   → "messages SECONDS EDGES"
"""
import collections
import json
import os
import re
import sys
import time
import zipfile

root = sys.argv[1]
mention = re.compile(r"<@(U[A-Z0-9]+)")
t = time.perf_counter()
edges = collections.Counter()
messages = 0


def day_files():
    """(channel, day, open file) for each day file, from a folder or, read in place, a zip."""
    if zipfile.is_zipfile(root):
        with zipfile.ZipFile(root) as z:
            for name in sorted(z.namelist()):
                channel, _, base = name.rpartition("/")
                if channel and "/" not in channel and base.endswith(".json"):
                    with z.open(name) as f:
                        yield channel, base[:-5], f
        return
    for channel in sorted(os.listdir(root)):
        folder = os.path.join(root, channel)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(".json"):
                with open(os.path.join(folder, name), "rb") as f:
                    yield channel, name[:-5], f


for channel, day, f in day_files():
    for m in json.load(f):
        messages += 1
        user = m.get("user")
        if not user or m.get("subtype"):
            continue
        parent = m.get("parent_user_id")
        if parent and parent != user:
            edges[(user, parent, day, channel, "reply")] += 1
        for u in set(mention.findall(m.get("text", ""))):
            if u != user:
                edges[(user, u, day, channel, "mention")] += 1
        for r in m.get("reactions", ()):
            for u in r.get("users", ()):
                if u != user:
                    edges[(u, user, day, channel, "reaction")] += 1
print(f"{messages} {time.perf_counter() - t:.3f} {len(edges)}")
