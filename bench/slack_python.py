#!/usr/bin/python3
"""The plain-Python baseline for Slack ingestion: json.load every day file of an unpacked export
and count what peerlearn's importer counts (messages, people's messages, replies, mentions,
reactions), with a dict of (from, to, day, channel) counts as the edge aggregation.
  slack_python.py EXPORT_DIR   → "messages SECONDS"
"""
import collections
import json
import os
import re
import sys
import time

root = sys.argv[1]
mention = re.compile(r"<@(U[A-Z0-9]+)")
t = time.perf_counter()
edges = collections.Counter()
messages = 0
for channel in sorted(os.listdir(root)):
    folder = os.path.join(root, channel)
    if not os.path.isdir(folder):
        continue
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        day = name[:-5]
        with open(os.path.join(folder, name), "rb") as f:
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
