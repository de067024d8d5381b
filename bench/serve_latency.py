#!/usr/bin/env python3
"""`aiplus serve`: time from a slider change to the last month drawn, in headless Chromium.

Starts the server, opens the page, sets the run size (100,000 agents, 132 months by
default), then moves industry.subsidy_rate several times and reports, for each move,
the time from the change to the charts holding the last month (the page waits 250 ms
after the last change before it asks, so that dragging a slider asks once). Measures,
asserts nothing.

    bench/serve_latency.py [AIPLUS] [--firms 100000] [--moves 5]
"""
import argparse
import os
import socket
import subprocess
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("aiplus", nargs="?", default=os.path.join(SOURCE, "build", "aiplus"))
    parser.add_argument("--firms", type=int, default=100000)
    parser.add_argument("--moves", type=int, default=5)
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([args.aiplus, "serve", "--port", str(port)], stdout=subprocess.PIPE, text=True)
    server.stdout.readline()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)

    def wait(check):
        while True:
            view = driver.execute_script("return window.aiplusView")
            if view and view.get("drawnAt") and check(view):
                return view
            time.sleep(0.01)
    try:
        driver.get(f"http://127.0.0.1:{port}/")
        wait(lambda v: True)
        driver.execute_script(f"const f = document.getElementById('firms'); f.value = {args.firms};"
                              "f.dispatchEvent(new Event('change'));")
        wait(lambda v: v["request"]["firms"] == args.firms)
        times = []
        for k in range(args.moves):
            value = round(0.1 + 0.08 * k, 3)
            moved = driver.execute_script(
                "const s = document.querySelector(\"input[data-key='industry.subsidy_rate']\");"
                f"s.value = {value}; const t = performance.now(); s.dispatchEvent(new Event('input')); return t;")
            view = wait(lambda v: v["request"]["set"].get("industry.subsidy_rate") == value)
            times.append((view["drawnAt"] - moved) / 1000)
            print(f"move {k + 1}: subsidy_rate {value}: {times[-1]:.2f} s from the change to the last month "
                  f"drawn (the run pair itself {view['seconds']:.2f} s)")
        times.sort()
        print(f"{args.firms:,} agents x 132 months, paired with the scenario's run: median {times[len(times) // 2]:.2f} s")
    finally:
        driver.quit()
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
