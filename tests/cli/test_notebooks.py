"""The notebook commands on run and sweep files: notebooks/effects.py and
notebooks/aiplus_charts.py.

Run by CTest with AIPLUS (the binary) and AIPLUS_SOURCE (the source tree) set.
"""
import os
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

from test_cli import BASS, SOURCE, aiplus

NOTEBOOKS = os.path.join(SOURCE, "notebooks")
EFFECTS = os.path.join(NOTEBOOKS, "effects.py")
CHARTS = os.path.join(NOTEBOOKS, "aiplus_charts.py")

# A 2x2 of arms over a Sobol' design of the Bass model: contrasts, factorial effects
# and sensitivity in one small file.
SWEEP = f'''scenario = "{BASS}"
replicates = 2
[set]
"simulation.firms" = 2000
"simulation.steps" = 12
[[arm]]
name = "local_none"
levels = {{ mixing = "partners", seeding = "none" }}
[[arm]]
name = "global_none"
levels = {{ mixing = "complete", seeding = "none" }}
set = {{ "network.mixing" = "complete" }}
[[arm]]
name = "local_seeded"
levels = {{ mixing = "partners", seeding = "some" }}
set = {{ "adoption.initial_share" = 0.02 }}
[[arm]]
name = "global_seeded"
levels = {{ mixing = "complete", seeding = "some" }}
set = {{ "network.mixing" = "complete", "adoption.initial_share" = 0.02 }}
[sample]
method = "sobol"
base = 4
bootstrap = 20
"adoption.p" = [0.005, 0.03]
"adoption.q" = [0.1, 0.4]
dates = ["2025-06", "2025-12"]
'''


def python(*args):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=300)


class Notebooks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory()
        cls.tmp = cls._tmp.name
        cls.run_file = os.path.join(cls.tmp, "run.h5")
        r = aiplus("run", os.path.join(SOURCE, "configs", "ai_plus.toml"), "-o", cls.run_file,
                   "--firms", "3000", "--steps", "36", "-q")
        assert r.returncode == 0, r.stderr
        experiment = os.path.join(cls.tmp, "sweep.toml")
        with open(experiment, "w") as f:
            f.write(SWEEP)
        cls.sweep_file = os.path.join(cls.tmp, "sweep.h5")
        r = aiplus("sweep", experiment, "-o", cls.sweep_file, "-q")
        assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def test_effects_of_a_run_file_are_its_headline_series_at_the_months(self):
        r = python(EFFECTS, self.run_file, "--months", "2025-12", "2026-12")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(self.run_file, "r") as f:
            value = f["national/ai_tfp_term"][12]  # the end of 2025-12: the start of 2026-01
        self.assertIn(f"ai_tfp_term{' ' * 30}2025-12  {value:+.4g}", r.stdout)
        self.assertIn("sme_gap", r.stdout)
        bad = python(EFFECTS, os.path.join(self.tmp, "missing.h5"))
        self.assertEqual(bad.returncode, 2)

    def test_effects_of_a_sweep_are_the_paired_differences_of_its_runs(self):
        r = python(EFFECTS, self.sweep_file, "--months", "2025-06", "2025-12")
        self.assertEqual(r.returncode, 0, r.stderr)
        for fragment in ("Contrasts", "global_seeded - local_none", "2x2 factorial effects",
                         "mixing: complete - partners", "Sensitivity (sobol)", "adoption.p", "P(> 0)"):
            self.assertIn(fragment, r.stdout)
        sys.path.insert(0, NOTEBOOKS)
        import effects
        with h5py.File(self.sweep_file, "r") as f:
            y = f["national/adoption_share"][:, 12].reshape(4, 16 * 2)  # arm, (sample point, seed)
        for label, series, month, mean, lo, hi in effects.contrast_table(self.sweep_file, ["2025-12"]):
            arm = ["local_none", "global_none", "local_seeded", "global_seeded"].index(label.split(" - ")[0])
            d = y[arm] - y[0]  # 32 pairs: the t quantile of 31 degrees of freedom is taken as 1.96
            np.testing.assert_allclose(mean, d.mean(), rtol=1e-12)
            np.testing.assert_allclose(hi - mean, 1.96 * d.std(ddof=1) / np.sqrt(len(d)), rtol=1e-9)
            np.testing.assert_allclose(mean - lo, hi - mean, rtol=1e-9)
        (label, _, _, mean, _, _), = [row for row in effects.factorial_table(self.sweep_file, ["2025-12"])
                                      if row[0].startswith("mixing x")]
        ll, gl, ls, gs = y
        np.testing.assert_allclose(mean, ((gs - ls) - (gl - ll)).mean(), rtol=1e-10)
        method, table = effects.sensitivity_table(self.sweep_file)
        self.assertEqual(method, "sobol")
        self.assertEqual(len(table), (4 + 3) * 2)  # subjects x dates

    def test_charts_of_run_and_sweep_files_in_three_formats(self):
        for path, name, count in ((self.run_file, "run", 5), (self.sweep_file, "sweep", 3)):
            out = os.path.join(self.tmp, "charts_" + name)
            r = python(CHARTS, path, "-o", out, "--format", "png", "pdf", "svg")
            self.assertEqual(r.returncode, 0, r.stderr)
            written = r.stdout.split()
            self.assertEqual(len(written), 3 * count, written)
            for target in written:
                with open(target, "rb") as f:
                    head = f.read(200)
                magic = {".png": b"\x89PNG", ".pdf": b"%PDF", ".svg": b"<?xml"}[os.path.splitext(target)[1]]
                self.assertTrue(head.startswith(magic), target)
                self.assertGreater(os.path.getsize(target), 5_000, target)

    def test_the_breakeven_notebook_still_imports_its_interval(self):
        r = python("-c", f"import sys; sys.path.insert(0, {NOTEBOOKS!r}); import ding_breakeven; "
                         "print(ding_breakeven.interval([1.0, 2.0, 3.0])[0])")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), "2.0")


class DingVerdict(unittest.TestCase):
    """notebooks/ding_verdict.py on configs/experiments/ding_verdict.toml at a toy size: the
    arms and design of the shipped file, 2,000 agents, 24 months, two keys, base 4."""

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory()
        cls.tmp = cls._tmp.name
        with open(os.path.join(SOURCE, "configs", "experiments", "ding_verdict.toml")) as f:
            shipped = f.read()
        head, design = shipped.split("[sample]")
        small = (head.replace('"../ai_plus.toml"', f'"{os.path.join(SOURCE, "configs", "ai_plus.toml")}"')
                 .replace('"simulation.firms" = 100_000', '"simulation.firms" = 2_000\n"simulation.steps" = 24')
                 + '[sample]\nmethod = "sobol"\nbase = 4\nbootstrap = 20\n'
                 'outputs = ["ai_tfp_term", "adoption_share_employment", "sme_gap"]\n'
                 'dates = ["2025-12", "2026-12"]\n"consideration.q" = "plausible"\n'
                 '"costs.broad_engineer" = "plausible"\n')
        experiment = os.path.join(cls.tmp, "verdict.toml")
        with open(experiment, "w") as f:
            f.write(small)
        cls.sweep = os.path.join(cls.tmp, "verdict.h5")
        r = aiplus("sweep", experiment, "-o", cls.sweep, "-q")
        assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def test_the_verdict_is_the_file_s_probability_for_diffusion_minus_innovation(self):
        out = os.path.join(self.tmp, "verdict")
        r = python(os.path.join(NOTEBOOKS, "ding_verdict.py"), self.sweep, "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(out, "verdict.png"), "rb") as f:
            self.assertEqual(f.read(4), b"\x89PNG")
        with open(os.path.join(out, "verdict.md")) as f:
            shown = [float(line.split("|")[3]) for line in f.read().splitlines()[2:]]
        with h5py.File(self.sweep, "r") as f:
            s = f["sensitivity"]
            subjects = [x.decode() for x in s["subject"][:]]
            series = [x.decode() for x in s["series"][:]]
            k = subjects.index("innovation_low_diffusion_high - innovation_high_diffusion_low")
            p = s["probability_positive"][k]  # (series, date)
        # In file order (series, then date); a smaller SME gap is diffusion's win.
        expected = [1 - p[j, d] if name == "sme_gap" else p[j, d]
                    for j, name in enumerate(series) for d in range(p.shape[1])]
        self.assertEqual(len(shown), 3 * 2)
        np.testing.assert_allclose(shown, expected, atol=0.005)

    def test_a_sweep_without_the_two_arms_is_refused(self):
        other = os.path.join(self.tmp, "other.h5")
        experiment = os.path.join(self.tmp, "other.toml")
        with open(experiment, "w") as f:
            f.write(SWEEP)
        self.assertEqual(aiplus("sweep", experiment, "-o", other, "-q").returncode, 0)
        r = python(os.path.join(NOTEBOOKS, "ding_verdict.py"), other)
        self.assertEqual(r.returncode, 2)
        self.assertIn("innovation_high_diffusion_low", r.stderr)


if __name__ == "__main__":
    unittest.main()
