"""Echo client on Python websockets (Debian's python3-websockets, 10.x), run by the EdgeServer interop tests.

Sends text and binary messages of several sizes and a ping, checks each echo, closes with 1000, and prints one
JSON line that the xunit test asserts on.
Usage: /usr/bin/python3 echo_client.py <ws-url> <compression: on|off>
"""

import asyncio
import hashlib
import json
import os
import random
import sys

import websockets

SIZES = [0, 1, 125, 126, 65535, 65536, 200000, 1048576]
WORDS = ['{"text":', '"line",', "box ", "score ", "0.98 ", "瑞雪兆丰年", "Übergröße", "😀"]


def text(length):
    out, size = [], 0
    while size < length:
        word = random.choice(WORDS)
        n = len(word.encode("utf-8"))
        if size + n > length:
            word, n = "a" * (length - size), length - size
        out.append(word)
        size += n
    return "".join(out)


def sha(data):
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


async def main(url, compression):
    report = {"version": websockets.__version__, "extensions": None, "messages": [], "pong": False, "close": None, "error": None}
    try:
        async with websockets.connect(url, compression="deflate" if compression else None, max_size=None) as ws:
            report["extensions"] = ws.response_headers.get("Sec-WebSocket-Extensions")
            for size in SIZES:
                for binary in (False, True):
                    payload = os.urandom(size) if binary else text(size)
                    await ws.send(payload)
                    echoed = await ws.recv()
                    report["messages"].append({"size": size, "binary": binary, "echoedBinary": isinstance(echoed, bytes),
                                               "sent": sha(payload), "echoed": sha(echoed)})
            pong_waiter = await ws.ping(b"are you there")
            await asyncio.wait_for(pong_waiter, 30)
            report["pong"] = True
            await ws.close(1000, "done")
            report["close"] = {"code": ws.close_code, "reason": ws.close_reason}
    except Exception as e:  # noqa: BLE001 - the test reads the error from the report
        report["error"] = f"{type(e).__name__}: {e}"
    print(json.dumps(report))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2] == "on"))
