"""`aiplus serve`: the page in headless Chromium moves a lever and charts the run that
`aiplus run` of its downloaded TOML reproduces; malformed and hostile requests get 4xx
answers and the server keeps serving.

Run by CTest with AIPLUS (the binary) and AIPLUS_SOURCE (the source tree) set;
AIPLUS_ARTIFACTS names a folder for the page's screenshot.
"""
import json
import os
import socket
import subprocess
import threading
import time
import unittest
import urllib.error
import urllib.request

import h5py
import numpy as np

from test_cli import AIPLUS, SOURCE, TempDirTest, aiplus, datasets

ARTIFACTS = os.environ.get("AIPLUS_ARTIFACTS", "")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, *args):
        self.port = free_port()
        self.p = subprocess.Popen([AIPLUS, "serve", "--port", str(self.port), *args], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        self.banner = self.p.stdout.readline()
        assert "aiplus serve: http://127.0.0.1:" in self.banner, self.banner + self.p.stderr.read()
        self.url = f"http://127.0.0.1:{self.port}"

    def request(self, path, body=None, raw=False):
        data = body if raw or body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method="POST" if data is not None else "GET")
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def stop(self):
        self.p.terminate()
        return self.p.wait(timeout=30)


class ServeTest(TempDirTest):
    def setUp(self):
        super().setUp()
        self.server = Server("--threads", "2")

    def tearDown(self):
        self.assertEqual(self.server.stop(), 0)  # SIGTERM stops it cleanly
        super().tearDown()


class HostileRequests(ServeTest):
    def test_malformed_requests_get_4xx_and_the_server_keeps_serving(self):
        s = self.server
        cases = [
            (b"{not json", 400, "not JSON"),
            (b"[1, 2]", 400, "JSON object"),
            (json.dumps({"set": {"industry.nope": 1}}).encode(), 400, "unknown key 'industry.nope'"),
            (json.dumps({"set": {"industry.subsidy_rate": 7}}).encode(), 400, "industry.subsidy_rate"),
            (json.dumps({"firms": 10 ** 9}).encode(), 400, "cap"),
            (json.dumps({"seeds": 50}).encode(), 400, "seeds"),
            (json.dumps({"scenario": "../../etc/passwd"}).encode(), 404, "unknown scenario"),
            (json.dumps({"output": "/tmp/x.h5"}).encode(), 400, "unknown field"),
            (json.dumps({"set": {"simulation.model": {"a": 1}}}).encode(), 400, "must be a number"),
            (json.dumps({"firms": 1500.5}).encode(), 400, "whole number"),
            (json.dumps({"set": {"simulation.steps=5 #": 1}}).encode(), 400, "unknown key"),
            (json.dumps({"firms": 200000, "seeds": 5, "set": {"network.partners": 1000}}).encode(), 400,
             "firm-months"),
            (b"x" * (100 * 1024), 413, ""),
        ]
        for body, status, fragment in cases:
            code, text = s.request("/api/run", body, raw=True)
            self.assertEqual(code, status, (body[:60], text))
            self.assertIn(fragment, text)
        for path in ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/chart.js/../../../etc/passwd", "/api/nope"):
            code, text = s.request(path)
            self.assertIn(code, (400, 404), path)
            self.assertNotIn("root:", text)
        results = []

        def one(k):  # 40 malformed, 10 small valid runs, all at once
            body = {"firms": 2000, "set": {"industry.promotion": 0.01}} if k % 5 == 0 else {"firms": -k}
            results.append((k % 5 == 0, *s.request("/api/run", body)))
        threads = [threading.Thread(target=one, args=(k,)) for k in range(50)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(results), 50)
        for valid, code, text in results:  # a valid one may be told to try again (503)
            self.assertIn(code, (200, 503) if valid else (400,), text[:200])
            if code == 200:
                self.assertEqual(json.loads(text.splitlines()[-1]), {"done": True})
        self.assertTrue(any(code == 200 for _, code, _ in results))
        self.assertEqual(s.request("/api/scenarios")[0], 200)


class ThePage(ServeTest):
    def browser(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
            options.add_argument(flag)
        return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)

    def wait_for_view(self, driver, check, seconds=120):
        deadline = time.time() + seconds
        while time.time() < deadline:
            view = driver.execute_script("return window.aiplusView")
            if view and view.get("done") and check(view):
                return view
            time.sleep(0.1)
        raise AssertionError(f"the page did not finish a run: {driver.execute_script('return window.aiplusView')}")

    def test_moving_a_lever_charts_the_run_its_toml_reproduces(self):
        driver = self.browser()
        try:
            driver.get(self.server.url + "/")
            self.wait_for_view(driver, lambda v: "lever" in v)  # the scenario's first run
            driver.execute_script("const f = document.getElementById('firms'); f.value = 20000;"
                                  "f.dispatchEvent(new Event('change'));")
            self.wait_for_view(driver, lambda v: v["request"]["firms"] == 20000)
            slider = driver.find_element("css selector", "input[data-key='industry.subsidy_rate']")
            driver.execute_script("arguments[0].value = 0.5; arguments[0].dispatchEvent(new Event('input'));",
                                  slider)
            view = self.wait_for_view(driver, lambda v: v["request"]["set"].get("industry.subsidy_rate") == 0.5)
            if ARTIFACTS:
                os.makedirs(ARTIFACTS, exist_ok=True)
                driver.save_screenshot(os.path.join(ARTIFACTS, "serve.png"))
        finally:
            driver.quit()
        self.assertIn("subsidy_rate = 0.5", view["toml"])
        config = self.write("view.toml", view["toml"])
        out = self.path("view.h5")
        r = aiplus("run", config, "-o", out, "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(out, "r") as f:
            for s in view["series"]:
                charted = np.array([np.nan if x is None else x for x in view["lever"][s["name"]]])
                np.testing.assert_array_equal(charted, f["national"][s["name"]][()], s["name"])
        # The page's HDF5 download is the file `aiplus run` of the TOML writes.
        req = urllib.request.Request(self.server.url + "/api/file", data=json.dumps(view["request"]).encode())
        with urllib.request.urlopen(req, timeout=120) as r:
            self.assertIn('filename="aiplus_run.h5"', r.headers["Content-Disposition"])
            with open(self.path("served.h5"), "wb") as f:
                f.write(r.read())
        self.assertEqual(datasets(self.path("served.h5")), datasets(out))
        self.assertEqual([n for n in os.listdir("/tmp") if n.startswith("aiplus-serve-")], [])
        # The reference, replayed from the server's keeping of the scenario's runs, is
        # `aiplus run` of the scenario itself.
        scenario = self.path("scenario.h5")
        r = aiplus("run", os.path.join(SOURCE, "configs", "ai_plus.toml"), "--firms", "20000", "-o", scenario, "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(scenario, "r") as f:
            for s in view["series"]:
                charted = np.array([np.nan if x is None else x for x in view["reference"][s["name"]]])
                np.testing.assert_array_equal(charted, f["national"][s["name"]][()], s["name"])
        # The lever moved the run: the reference (the scenario as written) differs.
        self.assertNotEqual(view["lever"]["adoption_share"], view["reference"]["adoption_share"])


if __name__ == "__main__":
    unittest.main()
