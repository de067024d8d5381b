"""End-to-end tests of `aiplus calibrate`: a small Bass calibration against targets from
the analytic Bass map recovers its parameters, writes the same file for any thread count
and under mpirun, resumes an interrupted calibration to the file an uninterrupted one
writes, and refuses bad input with a located message and no file.

Run by CTest with AIPLUS (the binary) and AIPLUS_SOURCE (the source tree) set.
`write_calibration` writes a small calibration for other tests (e.g. a notebook's) too.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import tomllib
import unittest

import h5py
import numpy as np

from test_cli import AIPLUS, LOCATED, SOURCE, TempDirTest, aiplus, datasets

BASS = os.path.join(SOURCE, "configs", "bass.toml")
TRUE_P, TRUE_Q = 0.01, 0.3
MONTHS = ("2025-03", "2025-06", "2025-09", "2025-12", "2026-06")


def bass_share(p, q, month, start="2025-01"):
    """The adopted share of the discrete Bass map F(t+1) = F + (p + q F)(1 - F), F(0) = 0,
    at the end of `month` (row = months from the start + 1), as the model under complete
    mixing follows it in expectation."""
    rows = (int(month[:4]) - int(start[:4])) * 12 + int(month[5:]) - int(start[5:]) + 1
    share = 0.0
    for _ in range(rows):
        share += (p + q * share) * (1 - share)
    return share


def write_calibration(folder, name="bass", particles=50, generations=4, quantile=0.3, batch=16,
                      seed=1, se=0.01, months=MONTHS, firms=20000, settings="", targets=None):
    """Writes a small calibration of adoption.p and adoption.q of the Bass model (complete
    mixing, `firms` firms) against its adoption share at `months`, from the analytic map
    with p = 0.01 and q = 0.3, into `folder`; returns the calibration file's path.
    `settings` adds lines at the top of the calibration file; `targets` replaces the
    targets file's text."""
    if targets is None:
        targets = "".join(
            f'[[target]]\npopulation = "bass"\nseries = "national/adoption_share"\n'
            f'date = "{m}"\nvalue = {bass_share(TRUE_P, TRUE_Q, m)!r}\nse = {se}\n'
            f'source = "discrete Bass map, p = {TRUE_P}, q = {TRUE_Q}"\n\n' for m in months)
    with open(os.path.join(folder, name + "_targets.toml"), "w") as f:
        f.write(targets)
    path = os.path.join(folder, name + ".toml")
    with open(path, "w") as f:
        f.write(f'{settings}targets = "{name}_targets.toml"\nparticles = {particles}\n'
                f'generations = {generations}\nquantile = {quantile}\nmin_acceptance = 0.02\n'
                f'batch = {batch}\nseed = {seed}\n\n'
                f'[set]\n"simulation.firms" = {firms}\n"network.mixing" = "complete"\n\n'
                f'[populations]\nbass = "{BASS}"\n\n'
                '[parameters]\n"adoption.p" = { min = 0.001, max = 0.1, scale = "log" }\n'
                '"adoption.q" = { min = 0.05, max = 0.6 }\n')
    return path


def calibrate(calibration, output, *args):
    return aiplus("calibrate", calibration, "-o", output, *args)


class Calibration(unittest.TestCase):
    """One calibration with 1 thread, shared by the checks of its results."""

    @classmethod
    def setUpClass(cls):
        cls._dir = tempfile.TemporaryDirectory()
        cls.folder = cls._dir.name
        cls.calibration = write_calibration(cls.folder)
        cls.out = os.path.join(cls.folder, "one.h5")
        r = calibrate(cls.calibration, cls.out, "--threads", "1")
        assert r.returncode == 0, r.stderr
        cls.stdout, cls.stderr = r.stdout, r.stderr

    @classmethod
    def tearDownClass(cls):
        cls._dir.cleanup()

    def test_the_posterior_of_p_and_q_lands_near_the_truth(self):
        with h5py.File(self.out, "r") as f:
            keys = [k.decode() if isinstance(k, bytes) else k for k in f["posterior/parameter"][:]]
            self.assertEqual(keys, ["adoption.p", "adoption.q"])
            mean, q05, q95 = f["posterior/mean"][:], f["posterior/q05"][:], f["posterior/q95"][:]
        # The prior spans a factor of 100 in p; after four generations the tolerance is a
        # few standard errors, so p is pinned to within about a third, q to within 0.1.
        self.assertLess(abs(np.log(mean[0] / TRUE_P)), np.log(1.35), mean)
        self.assertLess(abs(mean[1] - TRUE_Q), 0.1, mean)
        self.assertTrue(q05[0] < TRUE_P < q95[0], (q05, q95))
        self.assertTrue(q05[1] < TRUE_Q < q95[1], (q05, q95))
        self.assertIn("adoption.p", self.stdout)

    def test_generations_shrink_the_tolerance_and_weights_sum_to_one(self):
        with h5py.File(self.out, "r") as f:
            self.assertEqual(f.attrs["complete"], 1)
            self.assertEqual(f.attrs["generations_done"], 4)
            self.assertEqual(f.attrs["stop_reason"], "max_generations")
            tolerance = f["generations/tolerance"][:]
            weight, distance = f["generations/weight"][:], f["generations/distance"][:]
            values = f["generations/values"][:]
            self.assertEqual(values.shape, (4, 50, 2))
            self.assertIn("particles = 50", f.attrs["calibration"])
            self.assertIn("[[target]]", f.attrs["targets"])
            self.assertEqual(f.attrs["seed"], 1)
            self.assertTrue(f.attrs["fingerprint"])
        self.assertTrue(np.isinf(tolerance[0]))
        self.assertTrue(np.all(np.diff(tolerance) <= 0), tolerance)
        np.testing.assert_allclose(weight.sum(axis=1), 1.0, rtol=1e-12)
        self.assertTrue(np.all(distance <= tolerance[:, None]))
        self.assertTrue(np.all((values[..., 0] >= 0.001) & (values[..., 0] <= 0.1)))
        self.assertIn("generation 3 of at most 3", self.stderr)
        self.assertIn("ESS", self.stderr)

    def test_the_file_opens_with_xarray_with_labels_units_and_predictions(self):
        import xarray as xr
        for group in ("parameters", "generations", "posterior", "targets"):
            with xr.open_dataset(self.out, engine="h5netcdf", group=group) as ds:
                for name, var in ds.data_vars.items():
                    self.assertTrue(var.attrs.get("units"), (group, name))
                    self.assertTrue(var.attrs.get("long_name"), (group, name))
        with xr.open_dataset(self.out, engine="h5netcdf", group="generations") as g:
            self.assertEqual(g["values"].dims, ("generation", "particle", "parameter"))
            self.assertEqual(list(g.parameter.values), ["adoption.p", "adoption.q"])
        with xr.open_dataset(self.out, engine="h5netcdf", group="targets") as t:
            self.assertEqual(t.sizes["target"], len(MONTHS))
            self.assertEqual(str(t.target.values[0]), "bass national/adoption_share 2025-03")
            self.assertEqual(list(t.date.values), list(MONTHS))
            self.assertTrue(np.all(t.predicted_q05 <= t.predicted_mean))
            self.assertTrue(np.all(t.predicted_mean <= t.predicted_q95))
            # The posterior predictive covers the observations within a few se.
            self.assertTrue(np.all(np.abs(t.predicted_mean - t.observed) < 4 * t.se))
        with xr.open_dataset(self.out, engine="h5netcdf", group="parameters") as p:
            self.assertEqual(list(p.log_scale.values), [1, 0])
            self.assertEqual(list(p.prior_max.values), [0.1, 0.6])

    def test_two_threads_write_the_same_file(self):
        two = os.path.join(self.folder, "two.h5")
        r = calibrate(self.calibration, two, "--threads", "2", "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        self.assertEqual(datasets(self.out), datasets(two))

    @unittest.skipUnless(shutil.which("mpirun"), "mpirun is not installed")
    def test_two_mpi_ranks_write_the_same_file(self):
        ranks = os.path.join(self.folder, "ranks.h5")
        r = subprocess.run(["mpirun", "--allow-run-as-root", "--oversubscribe", "-n", "2", AIPLUS,
                            "calibrate", self.calibration, "-o", ranks, "--threads", "1"],
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.count("wrote"), 1)  # one rank writes
        self.assertEqual(datasets(self.out), datasets(ranks))

    def test_an_interrupted_calibration_resumes_to_the_uninterrupted_file(self):
        resumed = os.path.join(self.folder, "resumed.h5")
        p = subprocess.Popen([AIPLUS, "calibrate", self.calibration, "-o", resumed, "--threads", "1"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for line in p.stderr:  # stop once the first generation is in the file
            if "generation 0 of" in line:
                p.send_signal(signal.SIGINT)
                break
        stdout, _ = p.communicate(timeout=120)
        self.assertEqual(p.returncode, 130, stdout)
        self.assertIn("--resume", stdout)
        with h5py.File(resumed, "r") as f:
            self.assertEqual(f.attrs["complete"], 0)
            self.assertTrue(1 <= f.attrs["generations_done"] < 4)
        other = write_calibration(self.folder, name="other", seed=2)
        refused = calibrate(other, resumed, "--resume")
        self.assertEqual(refused.returncode, 2)
        self.assertRegex(refused.stderr, LOCATED)
        self.assertIn("another calibration", refused.stderr)
        r = calibrate(self.calibration, resumed, "--resume", "--threads", "2")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("already done", r.stderr)
        self.assertEqual(datasets(self.out), datasets(resumed))
        again = calibrate(self.calibration, resumed, "--resume")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("already complete", again.stdout)

    def test_posterior_on_the_command_line_replaces_the_experiments_file(self):
        other = os.path.join(self.folder, "second.h5")
        r = calibrate(write_calibration(self.folder, name="second", seed=2), other, "-q")
        self.assertEqual(r.returncode, 0, r.stderr)

        def drawn(posterior_file, *args):
            experiment = os.path.join(self.folder, "exp.toml")
            with open(experiment, "w") as f:
                f.write(f'scenario = "{BASS}"\n[set]\n"simulation.firms" = 2000\n'
                        f'"simulation.steps" = 3\n[posterior]\nfile = "{posterior_file}"\n'
                        f'draws = 4\n')
            sweep = os.path.join(self.folder, "exp.h5")
            r = aiplus("sweep", experiment, "-o", sweep, "--force", "-q", *args)
            self.assertEqual(r.returncode, 0, r.stderr)
            with h5py.File(sweep, "r") as f:
                self.assertEqual(f.attrs["posterior"], args[-1] if args else posterior_file)
                return [tomllib.loads(c.decode() if isinstance(c, bytes) else c)["adoption"]
                        for c in f["runs/config"][:]]

        replaced = drawn(self.out, "--posterior", other)
        self.assertEqual(replaced, drawn(other))
        self.assertNotEqual(replaced, drawn(self.out))

    def test_posterior_on_the_command_line_needs_a_posterior_table(self):
        experiment = os.path.join(self.folder, "plain.toml")
        with open(experiment, "w") as f:
            f.write(f'scenario = "{BASS}"\n')
        sweep = os.path.join(self.folder, "plain.h5")
        r = aiplus("sweep", experiment, "-o", sweep, "--posterior", self.out)
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, LOCATED)
        self.assertIn("no [posterior] table", r.stderr)
        self.assertFalse(os.path.exists(sweep))


class ShippedCalibration(unittest.TestCase):
    """The shipped calibration's inputs (configs/eu.toml, configs/us.toml, seeds/targets.toml)
    at a small size: the calibration notebook and its chart script draw the file, and an
    experiment's [posterior] draws run with the draws' values and seeds."""

    @classmethod
    def setUpClass(cls):
        cls._dir = tempfile.TemporaryDirectory()
        cls.folder = cls._dir.name
        with open(os.path.join(SOURCE, "configs", "calibration", "behaviour.toml")) as f:
            shipped = f.read()
        small = (shipped.replace("../../seeds/", os.path.join(SOURCE, "seeds") + "/")
                 .replace("../eu.toml", os.path.join(SOURCE, "configs", "eu.toml"))
                 .replace("../us.toml", os.path.join(SOURCE, "configs", "us.toml")))
        for key, value in (("particles", 16), ("generations", 2), ("batch", 16)):
            small = small.replace(next(line for line in small.splitlines()
                                       if line.startswith(key + " =")), f"{key} = {value}")
        small = small.replace('"simulation.firms" = 20_000', '"simulation.firms" = 2_000')
        cls.calibration = os.path.join(cls.folder, "behaviour.toml")
        with open(cls.calibration, "w") as f:
            f.write(small)
        cls.out = os.path.join(cls.folder, "behaviour.h5")
        r = calibrate(cls.calibration, cls.out)
        assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        cls._dir.cleanup()

    def test_the_notebook_draws_the_fit_by_population_and_band(self):
        env = dict(os.environ, AIPLUS_CALIBRATION=self.out)
        r = subprocess.run(["jupyter-nbconvert", "--to", "notebook", "--execute",
                            os.path.join(SOURCE, "notebooks", "calibration.ipynb"),
                            "--output-dir", self.folder, "--output", "executed"],
                           capture_output=True, text=True, timeout=600, env=env, cwd=SOURCE)
        self.assertEqual(r.returncode, 0, r.stderr[-3000:])
        with open(os.path.join(self.folder, "executed.ipynb")) as f:
            executed = f.read()
        self.assertIn("image/png", executed)
        self.assertIn("10-49", executed)  # the EU bands are in the fit table

    def test_the_chart_script_writes_the_figures_and_the_fit_table(self):
        charts = os.path.join(SOURCE, "notebooks", "calibration_charts.py")
        out = os.path.join(self.folder, "charts")
        r = subprocess.run([sys.executable, charts, self.out, "-o", out],
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        for name in ("fit.png", "posterior.png", "schedule.png"):
            with open(os.path.join(out, name), "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n", name)
        with open(os.path.join(out, "fit.md")) as f:
            table = f.read()
        with h5py.File(self.out, "r") as f:
            targets = len(f["targets/observed"])
        self.assertEqual(len(table.splitlines()), targets + 2)
        bad = subprocess.run([sys.executable, charts, os.path.join(self.folder, "missing.h5")],
                             capture_output=True, text=True)
        self.assertEqual(bad.returncode, 2)

    def test_an_experiment_runs_posterior_draws_with_their_seeds(self):
        experiment = os.path.join(self.folder, "draws.toml")
        with open(experiment, "w") as f:
            f.write(f'scenario = "{os.path.join(SOURCE, "configs", "us.toml")}"\nfirst_seed = 3\n'
                    f'[set]\n"simulation.firms" = 2000\n"simulation.steps" = 3\n'
                    f'[posterior]\nfile = "{self.out}"\ndraws = 3\n')
        with h5py.File(self.out, "r") as f:
            keys = [k.decode() for k in f["parameters/parameter"][:]]
            last = int(f.attrs["generations_done"]) - 1
            values = f["generations/values"][last]
        sweep = os.path.join(self.folder, "draws.h5")
        r = aiplus("sweep", experiment, "-o", sweep)
        self.assertEqual(r.returncode, 0, r.stderr)
        # Each run's stored config carries one particle's values and its replicate's seed.
        with h5py.File(sweep, "r") as f:
            configs = [tomllib.loads(c.decode() if isinstance(c, bytes) else c)
                       for c in f["runs/config"][:]]
        self.assertEqual(len(configs), 3)
        for k, config in enumerate(configs):
            self.assertEqual(config["simulation"]["seed"], 3 + k)
            drawn = [config[key.split(".")[0]][key.split(".")[1]] for key in keys]
            self.assertTrue(any(list(row) == drawn for row in values), drawn)


class ShippedDefaults(unittest.TestCase):
    """The shipped behavioural defaults are the posterior medians of seeds/calibration.h5,
    and that file is the calibration of configs/calibration/behaviour.toml against
    seeds/targets.toml as they stand: editing either without calibrating again fails.
    seeds/calibration_eu_only.h5 is the same calibration fitted to the EU alone."""

    FILE = os.path.join(SOURCE, "seeds", "calibration.h5")

    def test_the_file_holds_the_shipped_calibration_and_its_targets(self):
        with h5py.File(self.FILE, "r") as f:
            self.assertEqual(f.attrs["complete"], 1)
            calibration, targets = f.attrs["calibration"], f.attrs["targets"]
        with open(os.path.join(SOURCE, "configs", "calibration", "behaviour.toml")) as g:
            self.assertEqual(calibration, g.read())
        with open(os.path.join(SOURCE, "seeds", "targets.toml")) as g:
            self.assertEqual(targets, g.read())

    def test_the_eu_only_file_is_the_same_calibration_of_the_eu_alone(self):
        # The rival behaviour of docs/VALIDATION.md section 2.1, shipped for --posterior.
        with h5py.File(os.path.join(SOURCE, "seeds", "calibration_eu_only.h5"), "r") as f:
            self.assertEqual(f.attrs["complete"], 1)
            self.assertEqual(f.attrs["populations"], "eu")
            texts = f.attrs["calibration"], f.attrs["targets"]
        with h5py.File(self.FILE, "r") as f:
            self.assertEqual(f.attrs["populations"], "eu us")
            self.assertEqual(texts, (f.attrs["calibration"], f.attrs["targets"]))

    def test_the_defaults_are_the_posterior_medians(self):
        r = aiplus("params", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        defaults = {p["key"]: p["default"] for p in json.loads(r.stdout)}
        with h5py.File(self.FILE, "r") as f:
            keys = [k.decode() for k in f["posterior/parameter"][:]]
            medians = f["posterior/q50"][:]
        self.assertTrue(keys)
        for key, median in zip(keys, medians):
            # Defaults are written with three significant digits.
            self.assertAlmostEqual(defaults[key] / median, 1.0, delta=0.006, msg=key)


class OnlyOnePopulation(TempDirTest):
    """`--only NAME` fits one population's targets alone: the other's, drawn from a
    different p, neither run nor counted, yet still checked."""

    OTHER_P = 0.05

    def two_populations(self, other_date='"2025-06"'):
        """Two Bass populations, their targets interleaved in the targets file."""
        def target(population, date, p):
            return (f'[[target]]\npopulation = "{population}"\n'
                    f'series = "national/adoption_share"\ndate = {date}\n'
                    f'value = {bass_share(p, TRUE_Q, date.strip(chr(34)))!r}\nse = 0.01\n\n')
        bass = [target("bass", f'"{m}"', TRUE_P) for m in MONTHS]
        other = [target("other", d, self.OTHER_P) for d in (other_date, '"2025-12"')]
        text = bass[0] + other[0] + bass[1] + other[1] + "".join(bass[2:])
        path = write_calibration(self.tmp, targets=text)
        with open(path) as f:
            text = f.read().replace("[populations]\n", f'[populations]\nother = "{BASS}"\n')
        with open(path, "w") as f:
            f.write(text)
        return path

    def test_the_other_population_neither_runs_nor_pulls_the_fit(self):
        out = self.path("only.h5")
        r = calibrate(self.two_populations(), out, "--only", "bass", "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(out, "r") as f:
            populations = {p.decode() if isinstance(p, bytes) else p
                           for p in f["targets/population"][:]}
            mean = f["posterior/mean"][:]
            fitted = f.attrs["populations"]
        self.assertEqual(populations, {"bass"})
        self.assertEqual(fitted, "bass")
        # Fitted jointly, p would land between 0.01 and 0.05; alone it finds 0.01.
        self.assertLess(abs(np.log(mean[0] / TRUE_P)), np.log(1.35), mean)

    def test_naming_every_population_writes_the_plain_calibrations_file(self):
        calibration = self.two_populations()
        plain, named = self.path("plain.h5"), self.path("named.h5")
        self.assertEqual(calibrate(calibration, plain, "-q").returncode, 0)
        r = calibrate(calibration, named, "--only", "other", "--only", "bass", "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(datasets(plain), datasets(named))
        with h5py.File(named, "r") as f:
            self.assertEqual(f.attrs["populations"], "other bass")  # [populations] order
        # A calibration of one population is another calibration: no resume across them.
        r = calibrate(calibration, plain, "--only", "bass", "--resume")
        self.assertEqual(r.returncode, 2)
        self.assertIn("populations fitted with --only", r.stderr)

    def test_a_bad_name_or_a_bad_target_of_the_other_is_refused(self):
        out = self.path("only.h5")
        r = calibrate(self.two_populations(), out, "--only", "eu")
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, LOCATED)
        self.assertIn("--only 'eu' is not a population", r.stderr)
        r = calibrate(self.two_populations(other_date='"2020-01"'), out, "--only", "bass")
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, LOCATED)
        self.assertIn("outside the run", r.stderr)
        self.assertFalse(os.path.exists(out))
        # One value per --only: the calibration file is not taken for a second name.
        r = aiplus("calibrate", "--only", "bass", self.two_populations(), "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)

class BadInput(TempDirTest):
    """Bad input exits 2 with file:line:column and leaves no file."""

    def assert_refused(self, *fragments, **calibration):
        path = write_calibration(self.tmp, **calibration)
        out = self.path("out.h5")
        r = calibrate(path, out)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertRegex(r.stderr, LOCATED)
        for fragment in fragments:
            self.assertIn(fragment, r.stderr)
        self.assertFalse(os.path.exists(out))

    def target(self, **fields):
        entry = {"population": '"bass"', "series": '"national/adoption_share"',
                 "date": '"2025-06"', "value": "0.1", "se": "0.01"}
        entry.update(fields)
        return "[[target]]\n" + "".join(f"{k} = {v}\n" for k, v in entry.items() if v is not None)

    def test_unknown_population(self):
        self.assert_refused("unknown population 'eu'", "bass_targets.toml:2:",
                            targets=self.target(population='"eu"'))

    def test_unknown_series(self):
        self.assert_refused("no series 'adoption'", targets=self.target(series='"national/adoption"'))
        self.assert_refused("no output group 'bands'",
                            targets=self.target(series='"bands/adoption_share"'))

    def test_a_band_that_the_group_does_not_have(self):
        self.assert_refused("band", "expected no band", targets=self.target(band='"10-49"'))

    def test_a_date_outside_the_run(self):
        self.assert_refused("outside the run", targets=self.target(date='"2024-06"'))
        self.assert_refused("expected a month", targets=self.target(date='"June 2025"'))

    def test_a_prior_with_min_above_max(self):
        path = write_calibration(self.tmp)
        with open(path) as f:
            text = f.read().replace("{ min = 0.05, max = 0.6 }", "{ min = 0.6, max = 0.05 }")
        with open(path, "w") as f:
            f.write(text)
        r = calibrate(path, self.path("out.h5"))
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, r"bass\.toml:\d+:\d+: .*min 0\.6 is not below max 0\.05")
        self.assertFalse(os.path.exists(self.path("out.h5")))

    def test_unknown_keys(self):
        self.assert_refused("unknown key 'particle'", settings="particle = 3\n")
        self.assert_refused("unknown key 'sigma' in a target", targets=self.target(sigma="0.1"))
        path = write_calibration(self.tmp)
        with open(path, "a") as f:
            f.write('"adoption.pp" = { min = 0.1, max = 0.2 }\n')
        r = calibrate(path, self.path("out.h5"))
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, LOCATED)
        self.assertIn("did you mean 'adoption.p'", r.stderr)
        self.assertFalse(os.path.exists(self.path("out.h5")))

    def test_an_existing_output_is_kept_without_force_or_resume(self):
        out = self.write("taken.h5", "not to be replaced\n")
        r = calibrate(write_calibration(self.tmp), out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--force", r.stderr)
        with open(out) as f:
            self.assertEqual(f.read(), "not to be replaced\n")

    def test_help_teaches_the_file_formats(self):
        r = aiplus("calibrate", "--help")
        self.assertEqual(r.returncode, 0)
        for fragment in ("[[target]]", "[parameters]", "scale = \"log\"", "--resume", "mpirun"):
            self.assertIn(fragment, r.stdout)


if __name__ == "__main__":
    unittest.main()
