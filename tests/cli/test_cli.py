"""End-to-end tests of the `aiplus` command line and the HDF5 files it writes.

Run by CTest with AIPLUS (the binary) and AIPLUS_SOURCE (the source tree) set.
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import h5py
import numpy as np

AIPLUS = os.environ.get("AIPLUS", "build/aiplus")
SOURCE = os.environ.get("AIPLUS_SOURCE", os.path.join(os.path.dirname(__file__), "..", ".."))
BASS = os.path.join(SOURCE, "configs", "bass.toml")
LOCATED = re.compile(r"^[^:\n]+:\d+:\d+: ", re.MULTILINE)


def aiplus(*args, **kwargs):
    return subprocess.run([AIPLUS, *args], capture_output=True, text=True, timeout=300, **kwargs)


class TempDirTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp, name)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return self.path(name)


class RunWritesAFile(TempDirTest):
    def test_run_writes_the_national_series_and_provenance(self):
        out = self.path("bass.h5")
        r = aiplus("run", BASS, "-o", out, "--firms", "20000", "--steps", "30", "--seed", "5", "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(out, r.stdout)
        with h5py.File(out, "r") as f:
            share = f["national/adoption_share"][:]
            self.assertEqual(share.dtype, np.float64)
            self.assertEqual(share.shape, (31,))
            self.assertEqual(share[0], 0.0)
            self.assertTrue(np.all(np.diff(share) >= 0))
            self.assertTrue(np.all((share >= 0) & (share <= 1)))
            self.assertEqual(f.attrs["seed"], 5)
            self.assertEqual(f.attrs["complete"], 1)
            self.assertTrue(f.attrs["version"])
            self.assertIn("firms = 20000", f.attrs["config"])
            self.assertEqual(f["national/adoption_share"].attrs["units"], "1")
            self.assertEqual(list(f["national/time"][:3]), [0, 31, 59])  # days since 2025-01-01

    def test_the_stored_config_reproduces_the_run(self):
        first = self.path("first.h5")
        r = aiplus("run", BASS, "-o", first, "--firms", "15000", "--steps", "20", "--seed", "3",
                   "--set", "adoption.q=0.45", "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(first, "r") as f:
            config = f.attrs["config"]
            share = f["national/adoption_share"][:]
        again = self.path("again.h5")
        r = aiplus("run", self.write("resolved.toml", config), "-o", again, "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(again, "r") as f:
            self.assertEqual(f["national/adoption_share"][:].tobytes(), share.tobytes())

    def test_an_existing_file_is_kept_without_force(self):
        out = self.path("keep.h5")
        self.assertEqual(aiplus("run", BASS, "-o", out, "--firms", "1000", "--steps", "2", "-q").returncode, 0)
        before = os.stat(out).st_mtime_ns
        r = aiplus("run", BASS, "-o", out, "--firms", "1000", "--steps", "2", "-q")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--force", r.stderr)
        self.assertEqual(os.stat(out).st_mtime_ns, before)
        self.assertEqual(aiplus("run", BASS, "-o", out, "--firms", "1000", "--steps", "2", "-q", "--force").returncode, 0)


class NotebookReadable(TempDirTest):
    """The file opens as labelled arrays in xarray (h5netcdf engine) with no extra code."""

    @classmethod
    def setUpClass(cls):
        cls._dir = tempfile.TemporaryDirectory()
        cls.out = os.path.join(cls._dir.name, "ai_plus.h5")
        r = aiplus("run", os.path.join(SOURCE, "configs", "ai_plus.toml"), "-o", cls.out,
                   "--firms", "100000", "--steps", "40", "-q")
        assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        cls._dir.cleanup()

    def test_national_group_has_dates_units_and_long_names(self):
        import xarray as xr
        with xr.open_dataset(self.out, engine="h5netcdf", group="national") as ds:
            self.assertEqual(ds.sizes["time"], 41)
            self.assertEqual(str(ds.time.values[0])[:10], "2025-01-01")
            self.assertEqual(str(ds.time.values[12])[:10], "2026-01-01")
            for name, var in ds.data_vars.items():
                self.assertTrue(var.attrs.get("units"), name)
                self.assertTrue(var.attrs.get("long_name"), name)
            self.assertEqual(ds.ai_electricity.attrs["units"], "TWh/year")
            self.assertIn("deployed_share_2027_12", ds.attrs)

    def test_segment_group_is_labelled_by_sector_ownership_and_size(self):
        import xarray as xr
        with xr.open_dataset(self.out, engine="h5netcdf", group="segment") as seg:
            self.assertEqual(seg.adoption_share.dims, ("time", "sector", "ownership", "size_class"))
            self.assertEqual(list(seg.size_class.values), ["micro", "small", "medium", "large"])
            self.assertIn("manufacturing", list(seg.sector.values))
            self.assertEqual(list(seg.ownership.values), ["central_soe", "local_soe", "private", "foreign"])
            # Adoption by firm size in two lines, and it agrees with the national series.
            adopters = (seg.adoption_share * seg.firms).sum(["sector", "ownership"])
            by_size = adopters / seg.firms.sum(["sector", "ownership"])
            with xr.open_dataset(self.out, engine="h5netcdf", group="national") as nat:
                national = adopters.sum("size_class") / seg.firms.sum(["sector", "ownership", "size_class"])
                np.testing.assert_allclose(national.values, nat.adoption_share.values, rtol=1e-9)
            self.assertTrue(float(by_size.sel(size_class="large")[0]) > float(by_size.sel(size_class="micro")[0]))

    def test_firm_panels_hold_snapshots_that_agree_with_the_series(self):
        import xarray as xr
        out = os.path.join(self._dir.name, "panel.h5")
        r = aiplus("run", os.path.join(SOURCE, "configs", "ai_plus.toml"), "-o", out, "--firms", "20000",
                   "--steps", "40", "--set", 'output.panels=["2025-01", "2027-12"]', "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        with xr.open_dataset(out, engine="h5netcdf", group="panel") as panel, \
                xr.open_dataset(out, engine="h5netcdf", group="national") as nat:
            self.assertEqual(panel.stage.dims, ("time", "firm"))
            self.assertEqual([str(t)[:7] for t in panel.time.values], ["2025-01", "2027-12"])
            self.assertEqual(panel.sizes["firm"], 20000)
            self.assertEqual(panel.sector.dims, ("firm",))
            self.assertIn("manufacturing", panel.sector.attrs["flag_meanings"].split())
            weight = panel.weight.values.astype(float)
            self.assertAlmostEqual(weight.sum(), 60e6, delta=1)  # the agents stand for every firm
            for k, month in enumerate([0, 35]):
                adopted = float(((panel.stage.isel(time=k) > 0).values * weight).sum() / weight.sum())
                self.assertAlmostEqual(adopted, float(nat.adoption_share[month]), places=5)
            self.assertTrue(float(panel.digitization.max()) <= 1.0)
        bad = aiplus("run", os.path.join(SOURCE, "configs", "ai_plus.toml"), "-o", self.path("x.h5"),
                     "--steps", "12", "--set", 'output.panels=["2030-12"]')
        self.assertEqual(bad.returncode, 2)
        self.assertIn("outside the run", bad.stderr)

    def test_skills_group_by_region_and_tier(self):
        import xarray as xr
        with xr.open_dataset(self.out, engine="h5netcdf", group="skills") as sk:
            self.assertEqual(sk.tier_fill.dims, ("time", "region", "tier"))
            self.assertEqual(list(sk.region.values), ["east", "central", "west", "northeast"])


class ChartsAndNotebook(TempDirTest):
    def setUp(self):
        super().setUp()
        self.out = self.path("run.h5")
        r = aiplus("run", os.path.join(SOURCE, "configs", "ai_plus.toml"), "-o", self.out,
                   "--firms", "30000", "--steps", "72", "-q")
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_chart_command_writes_non_empty_pngs(self):
        charts = os.path.join(SOURCE, "notebooks", "aiplus_charts.py")
        r = subprocess.run([sys.executable, charts, self.out, "-o", self.path("charts"), "--format", "png"],
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        pngs = r.stdout.split()
        self.assertEqual(len(pngs), 5)
        for png in pngs:
            with open(png, "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n", png)
            self.assertGreater(os.path.getsize(png), 10_000, png)
        bad = subprocess.run([sys.executable, charts, self.path("missing.h5")], capture_output=True, text=True)
        self.assertEqual(bad.returncode, 2)

    def test_example_notebook_executes(self):
        env = dict(os.environ, AIPLUS_FILE=self.out)
        r = subprocess.run(["jupyter-nbconvert", "--to", "notebook", "--execute",
                            os.path.join(SOURCE, "notebooks", "analysis.ipynb"),
                            "--output-dir", self.tmp, "--output", "executed"],
                           capture_output=True, text=True, timeout=600, env=env, cwd=SOURCE)
        self.assertEqual(r.returncode, 0, r.stderr[-3000:])
        self.assertTrue(os.path.exists(self.path("executed.ipynb")))


class Determinism(TempDirTest):
    def run_with(self, threads, seed=7, mixing="partners"):
        out = self.path(f"t{threads}_s{seed}_{mixing}.h5")
        r = aiplus("run", BASS, "-o", out, "--firms", "80000", "--steps", "40", "--seed", str(seed),
                   "--threads", str(threads), "--set", f"network.mixing={mixing}", "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(out, "r") as f:
            self.assertEqual(f.attrs["threads"], threads)
            return f["national/adoption_share"][:].tobytes()

    def test_bit_identical_for_1_2_and_4_threads(self):
        for mixing in ("partners", "complete"):
            one = self.run_with(1, mixing=mixing)
            self.assertEqual(self.run_with(2, mixing=mixing), one)
            self.assertEqual(self.run_with(4, mixing=mixing), one)

    def test_a_different_seed_gives_different_output(self):
        self.assertNotEqual(self.run_with(2, seed=7), self.run_with(2, seed=8))


class BadInput(TempDirTest):
    """Each bad input: exit code 2, a file:line:column: message naming the key, no output file."""

    def assert_rejected(self, config_text, *fragments, extra=()):
        config = self.write("bad.toml", config_text)
        out = self.path("out.h5")
        r = aiplus("run", config, "-o", out, *extra)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertRegex(r.stderr, LOCATED)
        for fragment in fragments:
            self.assertIn(fragment, r.stderr)
        self.assertFalse(os.path.exists(out), "no output file may be created")
        v = aiplus("validate", config, *extra)
        self.assertEqual(v.returncode, 2)
        return r.stderr

    def test_syntax_error(self):
        err = self.assert_rejected("[adoption]\np = 0.01\nq = = 0.3\n", "syntax error")
        self.assertIn("bad.toml:3:", err)

    def test_unknown_key(self):
        err = self.assert_rejected("[adoption]\np = 0.01\nqq = 0.3\n", "adoption.qq", "did you mean 'adoption.q'")
        self.assertIn("bad.toml:3:1:", err)

    def test_wrong_type(self):
        err = self.assert_rejected("[network]\npartners = \"eight\"\n", "network.partners", "whole number")
        self.assertIn("bad.toml:2:12:", err)

    def test_out_of_range(self):
        err = self.assert_rejected("[adoption]\np = 1.5\n", "adoption.p = 1.5 is out of range", "[0, 1]")
        self.assertIn("bad.toml:2:5:", err)

    def test_bad_choice(self):
        self.assert_rejected('[network]\nmixing = "random"\n', "network.mixing", '"complete"')

    def test_bad_override(self):
        err = self.assert_rejected("[simulation]\n", "adoption.q", extra=("--set", "adoption.q=2"))
        self.assertIn("--set:1:12:", err)

    def test_p_plus_q_above_one(self):
        self.assert_rejected("[simulation]\nmodel = \"bass\"\n[adoption]\np = 0.5\nq = 0.7\n", "adoption.p + adoption.q")

    def test_schedule_dates_out_of_order_or_outside_the_calendar(self):
        err = self.assert_rejected('[industry]\nsubsidy_rate = { steps = [["2027-01", 0.1], ["2026-01", 0.2]] }\n',
                                   "industry.subsidy_rate", "out of order")
        self.assertIn("bad.toml:2:", err)
        self.assert_rejected('[industry]\nsubsidy_rate = { linear = [["2025-01", 0.1], ["2150-01", 0.2]] }\n',
                             "industry.subsidy_rate", "outside the model's calendar")

    def test_shares_that_do_not_sum_to_one(self):
        self.assert_rejected("[population]\nregion_shares = [0.5, 0.3, 0.3, 0.1]\n",
                             "population.region_shares", "sum to 1.2")

    def test_empty_file_and_binary_garbage(self):
        self.assert_rejected("\n  \n", "empty")
        with open(self.path("garbage.toml"), "wb") as f:
            f.write(bytes(range(256)) * 4)
        r = aiplus("run", self.path("garbage.toml"), "-o", self.path("out.h5"))
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, LOCATED)
        self.assertFalse(os.path.exists(self.path("out.h5")))

    def test_a_run_too_big_for_memory_is_refused_up_front(self):
        err = self.assert_rejected("[simulation]\n[population]\nenterprises = 5e9\n", "GB of memory",
                                   extra=("--firms", "4000000000"))
        self.assertIn("simulation.firms", err)
        err = self.assert_rejected("[simulation]\n", "exceeds population.enterprises",
                                   extra=("--firms", "70000000"))

    def test_bad_flags(self):
        out = self.path("out.h5")
        for flags in (["--firms", "-5"], ["--threads", "0"], ["--steps", "abc"], ["--bogus"]):
            r = aiplus("run", BASS, "-o", out, *flags)
            self.assertEqual(r.returncode, 2, (flags, r.stderr))
            self.assertTrue(r.stderr.strip(), flags)
            self.assertFalse(os.path.exists(out))

    def test_missing_config_and_output_folder(self):
        r = aiplus("run", self.path("nope.toml"))
        self.assertEqual(r.returncode, 2)
        r = aiplus("run", BASS, "-o", self.path("no/such/folder/out.h5"), "--firms", "100")
        self.assertEqual(r.returncode, 2)
        self.assertIn("does not exist", r.stderr)


class Interruption(TempDirTest):
    def test_sigint_leaves_a_valid_incomplete_file(self):
        out = self.path("stopped.h5")
        # Almost nobody adopts, so every firm draws every month: a slow run to interrupt.
        p = subprocess.Popen([AIPLUS, "run", BASS, "-o", out, "--firms", "2000000", "--steps", "1200",
                              "--set", "adoption.p=0.0001", "--set", "adoption.q=0", "--threads", "2", "-q"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for_writing(out)
        time.sleep(1.5)  # a few steps
        p.send_signal(signal.SIGINT)
        stdout, stderr = p.communicate(timeout=60)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("INCOMPLETE", stdout)
        with h5py.File(out, "r") as f:
            self.assertEqual(f.attrs["complete"], 0)
            n = f["national/adoption_share"].shape[0]
            self.assertGreater(n, 3)
            self.assertLess(n, 1201)
            self.assertEqual(f["national/time"].shape[0], n)


class Sweep(TempDirTest):
    def experiment(self, text):
        return self.write("experiment.toml", f'scenario = "{os.path.join(SOURCE, "configs", "ai_plus.toml")}"\n' + text)

    def sweep(self, experiment, name):
        """Runs a sweep quietly into NAME in the temporary folder; it must succeed."""
        out = self.path(name)
        r = aiplus("sweep", experiment, "-o", out, "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        return out

    def test_paired_arms_with_equal_levers_give_identical_series(self):
        exp = self.experiment('replicates = 3\n[set]\n"simulation.firms" = 8000\n"simulation.steps" = 30\n'
                              '[[arm]]\nname = "a"\nset = { "human.broad_training" = 0.4 }\n'
                              '[[arm]]\nname = "b"\nset = { "human.broad_training" = 0.4 }\n'
                              '[[arm]]\nname = "mandate"\nset = { "industry.soe_mandate" = 0.05 }\n')
        out = self.sweep(exp, "sweep.h5")
        import xarray as xr
        with xr.open_dataset(out, engine="h5netcdf", group="national") as nat:
            self.assertEqual(nat.adoption_share.dims, ("run", "time"))
            self.assertEqual(list(nat.seed.values), [1, 2, 3] * 3)
            self.assertEqual(int(nat.done.sum()), 9)
            a, b, m = (nat.adoption_share.values[k:k + 3] for k in (0, 3, 6))
            self.assertEqual(a.tobytes(), b.tobytes())       # common random numbers
            self.assertNotEqual(a[0].tobytes(), a[1].tobytes())  # seeds differ
            self.assertNotEqual(a.tobytes(), m.tobytes())    # a different lever differs
            with xr.open_dataset(out, engine="h5netcdf", group="summary") as summary:
                self.assertEqual(list(summary.arm.values), ["a", "b", "mandate"])
                np.testing.assert_allclose(summary.adoption_share_mean.values[0], a.mean(axis=0), rtol=1e-12)
                self.assertTrue(np.all(summary.adoption_share_lo.values <= summary.adoption_share_hi.values))

    def test_a_grid_multiplies_runs_and_labels_them(self):
        exp = self.experiment('replicates = 2\n[set]\n"simulation.firms" = 5000\n"simulation.steps" = 12\n'
                              '[grid]\n"industry.promotion" = [0.0, 0.01]\n')
        out = self.sweep(exp, "grid.h5")
        with h5py.File(out, "r") as f:
            self.assertEqual(f["national/adoption_share"].shape, (4, 13))
            promotion = f["national/industry_promotion"]  # no dots in names; numbers as float64
            self.assertEqual(promotion.dtype, np.float64)
            self.assertEqual(list(promotion[:]), [0.0, 0.0, 0.01, 0.01])
            self.assertEqual(promotion.attrs["key"], "industry.promotion")
            self.assertEqual(f.attrs["complete"], 1)

    def test_malformed_experiments_are_refused_with_a_location(self):
        cases = [('replicates = 2\nbogus = 1\n', "unknown key 'bogus'"),
                 ('[grid]\n"industry.promotion" = []\n', "non-empty list"),
                 ('[[arm]]\nname = "x"\nset = { "industry.promtion" = 0.1 }\n', "did you mean 'industry.promotion'"),
                 ('[set]\n"industry.promotion" = 5\n', "out of range"),
                 ('replicates = 0\n', "replicates"),
                 ('[sample]\npoints = 3\n"industry.promotion" = [0.02, 0.0]\n', "above its max"),
                 ('[sample]\n"industry.promotion" = [0.0, 0.02]\n', "points = N"),
                 ('[sample]\npoints = 3\n"industry.promotion" = [0.0]\n', "[min, max]")]
        for text, message in cases:
            exp = self.experiment(text)
            out = self.path("bad.h5")
            r = aiplus("sweep", exp, "-o", out)
            self.assertEqual(r.returncode, 2, (text, r.stderr))
            self.assertRegex(r.stderr, LOCATED)
            self.assertIn(message, r.stderr)
            self.assertFalse(os.path.exists(out))

    def test_a_latin_hypercube_uses_every_stratum_and_sets_each_run(self):
        exp = self.experiment('[set]\n"simulation.firms" = 5000\n"simulation.steps" = 12\n'
                              '[sample]\npoints = 8\n"industry.promotion" = [0.0, 0.02]\n"human.broad_training" = [0.1, 0.5]\n')
        out = self.sweep(exp, "lhs.h5")
        with h5py.File(out, "r") as f:
            promotion = f["national/industry_promotion"][:]
            training = f["national/human_broad_training"][:]
            self.assertEqual(promotion.dtype, np.float64)
            for values, lo, hi in ((promotion, 0.0, 0.02), (training, 0.1, 0.5)):
                strata = np.floor((values - lo) / (hi - lo) * 8).astype(int)
                self.assertEqual(sorted(strata), list(range(8)))
            # Each run used its own sampled value: more promotion, more adoption at month 12.
            adoption = f["national/adoption_share"][:, 12]
            self.assertNotEqual(len(set(adoption)), 1)
            self.assertEqual(f["summary/runs"].shape, (8,))

    def test_segment_series_go_along_run_with_per_cell_summaries(self):
        exp = self.experiment('replicates = 3\n[set]\n"simulation.firms" = 6000\n"simulation.steps" = 12\n')
        out = self.sweep(exp, "segments.h5")
        import xarray as xr
        with xr.open_dataset(out, engine="h5netcdf", group="segment") as seg:
            self.assertEqual(seg.adoption_share.dims, ("run", "time", "sector", "ownership", "size_class"))
            self.assertEqual(seg.sizes["run"], 3)
            self.assertIn("manufacturing", list(seg.sector.values))
            with xr.open_dataset(out, engine="h5netcdf", group="summary/segment") as summary:
                self.assertEqual(summary.adoption_share_mean.dims, ("cell", "time", "sector", "ownership", "size_class"))
                np.testing.assert_allclose(summary.adoption_share_mean.values[0],
                                           seg.adoption_share.values.mean(axis=0), rtol=1e-12, equal_nan=True)

    def test_an_interrupted_sweep_resumes_to_the_file_an_uninterrupted_one_writes(self):
        exp = self.experiment('replicates = 6\n[set]\n"simulation.firms" = 150000\n"simulation.steps" = 48\n')
        whole, resumed = self.sweep(exp, "whole.h5"), self.path("resumed.h5")
        p = subprocess.Popen([AIPLUS, "sweep", exp, "-o", resumed], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        for line in p.stderr:  # stop once two runs are in the file
            if "(2 of 6" in line:
                p.send_signal(signal.SIGINT)
                break
        stdout, _ = p.communicate(timeout=120)
        self.assertEqual(p.returncode, 130, stdout)
        with h5py.File(resumed, "r") as f:
            self.assertEqual(f.attrs["complete"], 0)
            self.assertTrue(2 <= f["national/done"][:].sum() < 6)
        refused = aiplus("sweep", exp, "-o", resumed, "--resume", "--firms", "140000")
        self.assertEqual(refused.returncode, 2)
        self.assertRegex(refused.stderr, LOCATED)
        r = aiplus("sweep", exp, "-o", resumed, "--resume")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("already done", r.stderr)
        self.assertEqual(datasets(whole), datasets(resumed))

    def test_mpirun_with_two_ranks_writes_the_serial_file(self):
        exp = self.experiment('replicates = 3\n[set]\n"simulation.firms" = 20000\n"simulation.steps" = 24\n'
                              '[[arm]]\nname = "a"\nset = { "human.broad_training" = 0.4 }\n'
                              '[[arm]]\nname = "b"\nset = { "industry.soe_mandate" = 0.05 }\n')
        serial, ranks = self.sweep(exp, "serial.h5"), self.path("ranks.h5")
        r = subprocess.run(["mpirun", "--allow-run-as-root", "--oversubscribe", "-n", "2",
                            AIPLUS, "sweep", exp, "-o", ranks, "--threads", "1"],
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.count("wrote"), 1)  # one rank writes
        self.assertEqual(datasets(serial), datasets(ranks))


def wait_for_writing(out, seconds=60):
    """Waits until a run has begun writing OUT: its temporary file beside it exists."""
    folder, name = os.path.split(out)
    deadline = time.time() + seconds
    while time.time() < deadline:
        if any(f.startswith("." + name + ".") and f.endswith(".tmp") for f in os.listdir(folder or ".")):
            return
        time.sleep(0.1)


def datasets(path):
    """Every dataset of a file as bytes, by name (attributes such as times left out)."""
    out = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, obj: out.__setitem__(name, obj[()].tobytes() if obj.dtype.kind != "O"
                                                       else repr(obj[()].tolist()))
                     if isinstance(obj, h5py.Dataset) else None)
    assert out, path
    return out


class WriteFailure(TempDirTest):
    def test_a_write_error_names_the_file_and_leaves_no_partial_file(self):
        import resource

        def small_files():  # a file size limit stands in for a full disk
            resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

        out = self.path("limited.h5")
        r = subprocess.run([AIPLUS, "run", os.path.join(SOURCE, "configs", "ai_plus.toml"), "-o", out,
                            "--firms", "50000", "--steps", "24", "--set", 'output.panels=["2025-06", "2026-01"]', "-q"],
                           capture_output=True, text=True, timeout=300, preexec_fn=small_files)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn(out, r.stderr)
        self.assertIn("cannot write", r.stderr)
        self.assertFalse(os.path.exists(out))


class Termination(TempDirTest):
    def test_sigterm_also_leaves_a_valid_incomplete_file(self):
        out = self.path("terminated.h5")
        p = subprocess.Popen([AIPLUS, "run", BASS, "-o", out, "--firms", "2000000", "--steps", "1200",
                              "--set", "adoption.p=0.0001", "--set", "adoption.q=0", "-q"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for_writing(out)
        time.sleep(1.0)
        p.send_signal(signal.SIGTERM)
        p.communicate(timeout=60)
        self.assertNotEqual(p.returncode, 0)
        with h5py.File(out, "r") as f:
            self.assertEqual(f.attrs["complete"], 0)
            n = f["national/adoption_share"].shape[0]
            self.assertGreater(n, 0)
            self.assertEqual(f["national/time"].shape[0], n)


if __name__ == "__main__":
    unittest.main()
