#!/usr/bin/python3
"""Rewrites an unpacked Slack export with each person's message laid out as Slack's own exports
write them today, for measuring the import on that layout as well as on the demo's lean one:
client_msg_id, team / user_team / source_team, a user_profile, rich-text blocks for every message
(repeating its text where it had none), a thread's latest_reply / reply_users_count / is_locked /
subscribed, indented by four spaces. Bots' and system messages are kept as they are; what the
importer counts (authors, threads, replies, mentions, reactions) is unchanged.
  slack_modernize.py EXPORT_DIR OUT_DIR
"""
import hashlib
import json
import os
import shutil
import sys

src, dst = sys.argv[1], sys.argv[2]
if os.path.exists(dst):
    sys.exit(f"slack_modernize.py: {dst} exists; give a new folder")
os.makedirs(dst)
profiles = {u["id"]: u for u in json.load(open(os.path.join(src, "users.json")))}
TEAM = "T0DEMO001"


def modern(m):
    if "user" not in m or m.get("subtype"):
        return m
    u = profiles.get(m["user"], {})
    h = hashlib.md5((m["ts"] + m["user"]).encode()).hexdigest()
    blocks = m.get("blocks") or [{
        "type": "rich_text", "block_id": h[:5],
        "elements": [{"type": "rich_text_section",
                      "elements": [{"type": "text", "text": m.get("text", "")}]}]}]
    name = u.get("profile", {}).get("real_name", "")
    out = {
        "client_msg_id": f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}",
        "type": "message", "text": m.get("text", ""), "user": m["user"], "ts": m["ts"],
        "blocks": blocks, "team": TEAM, "user_team": TEAM, "source_team": TEAM,
        "user_profile": {
            "avatar_hash": h[:12],
            "image_72": f"https://avatars.slack-edge.com/2026-01-01/{h[:10]}_72.png",
            "first_name": name.split(" ")[0], "real_name": name,
            "display_name": u.get("name", ""), "team": TEAM, "name": u.get("name", ""),
            "is_restricted": False, "is_ultra_restricted": False},
    }
    for k, v in m.items():
        out.setdefault(k, v)
    if m.get("thread_ts") == m["ts"]:
        out.update(latest_reply=m["ts"], reply_users_count=m.get("reply_count", 0),
                   is_locked=False, subscribed=False)
    return out


for entry in sorted(os.listdir(src)):
    path = os.path.join(src, entry)
    if not os.path.isdir(path):
        shutil.copy(path, os.path.join(dst, entry))
        continue
    os.makedirs(os.path.join(dst, entry))
    for day in sorted(os.listdir(path)):
        with open(os.path.join(path, day)) as f:
            messages = [modern(m) for m in json.load(f)]
        with open(os.path.join(dst, entry, day), "w") as f:
            json.dump(messages, f, indent=4)
