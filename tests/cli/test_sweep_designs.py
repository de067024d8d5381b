"""Sweep designs end to end: Sobol' and Morris sensitivity, paired contrasts, 2x2
factorial effects, and sweep files that reproduce their runs and read naturally.

Run by CTest with AIPLUS (the binary) and AIPLUS_SOURCE (the source tree) set.
"""
import os
import subprocess

import h5py
import numpy as np

from test_cli import BASS, LOCATED, SOURCE, TempDirTest, aiplus

AI_PLUS = os.path.join(SOURCE, "configs", "ai_plus.toml")
T975 = {2: 4.303, 4: 2.776, 5: 2.571}  # Student t, 97.5%, by degrees of freedom

# Bass under complete mixing for three months: early adoption 1 - (1 - p)^3 is set by p,
# as q F stays below 0.1 x 0.27 while F is small.
BASS_DESIGN = (f'scenario = "{BASS}"\n'
               '[set]\n"simulation.firms" = 4000\n"simulation.steps" = 3\n"network.mixing" = "complete"\n'
               '[sample]\n{method}\n"adoption.p" = [0.01, 0.1]\n"adoption.q" = [0.0, 0.1]\n'
               'outputs = ["adoption_share"]\ndates = ["2025-03"]\n')


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


class Sweeps(TempDirTest):
    def sweep(self, experiment_text, name, *extra):
        exp = self.write(name + ".toml", experiment_text)
        out = self.path(name + ".h5")
        r = aiplus("sweep", exp, "-o", out, "-q", *extra)
        self.assertEqual(r.returncode, 0, r.stderr)
        return out


class Sensitivity(Sweeps):
    def test_sobol_indices_of_the_bass_model_single_out_p(self):
        out = self.sweep(BASS_DESIGN.format(method='method = "sobol"\nbase = 64\nbootstrap = 100'), "sobol")
        import xarray as xr
        with xr.open_dataset(out, engine="h5netcdf", group="sensitivity") as s:
            self.assertEqual(s.first_order.dims, ("subject", "series", "date", "key"))
            self.assertEqual(list(s.key.values), ["adoption.p", "adoption.q"])
            self.assertEqual(list(s.date.values), ["2025-03"])
            first = s.first_order.sel(subject="base", series="adoption_share", date="2025-03")
            total = s.total_order.sel(subject="base", series="adoption_share", date="2025-03")
            self.assertGreater(float(first.sel(key="adoption.p")), 0.8)
            self.assertLess(float(total.sel(key="adoption.q")), 0.2)
            lo, hi = s.first_order_lo.values, s.first_order_hi.values
            self.assertTrue(np.all(lo <= s.first_order.values) and np.all(s.first_order.values <= hi))
            self.assertEqual(float(s.probability_positive.values.squeeze()), 1.0)  # adoption > 0
            self.assertEqual(s.attrs["method"], "sobol")
        with h5py.File(out, "r") as f:
            self.assertEqual(f["national/adoption_share"].shape, (64 * 4, 4))
            p = f["national/adoption_p"]
            self.assertEqual(p.attrs["key"], "adoption.p")
            self.assertTrue(np.all((p[:] >= 0.01) & (p[:] <= 0.1)))

    def test_morris_ranks_p_above_q(self):
        out = self.sweep(BASS_DESIGN.format(method='method = "morris"\ntrajectories = 10\nlevels = 4'), "morris")
        import xarray as xr
        with xr.open_dataset(out, engine="h5netcdf", group="sensitivity") as s:
            mu_star = s.mu_star.sel(subject="base", series="adoption_share", date="2025-03")
            self.assertGreater(float(mu_star.sel(key="adoption.p")), 3 * float(mu_star.sel(key="adoption.q")))
            self.assertEqual(s.attrs["trajectories"], 10)

    def test_bad_designs_are_refused_with_a_location_and_leave_no_file(self):
        head = f'scenario = "{BASS}"\n'
        cases = [('[sample]\nmethod = "sobol"\n"adoption.p" = [0.0, 0.1]\n', "base = N"),
                 ('[sample]\nmethod = "sobol"\nbase = 0\n"adoption.p" = [0.0, 0.1]\n', "sample.base"),
                 ('[sample]\nmethod = "fast"\nbase = 8\n"adoption.p" = [0.0, 0.1]\n', "unknown method"),
                 ('[sample]\nmethod = "sobol"\nbase = 8\n"network.partners" = "plausible"\n', "no plausible range"),
                 ('[sample]\nmethod = "sobol"\nbase = 8\n"adoption.p" = [0.0, 0.1]\noutputs = ["tfp"]\n', "'tfp'"),
                 ('[sample]\nmethod = "sobol"\nbase = 8\n"adoption.p" = [0.0, 0.1]\ndates = ["2025-04"]\n', "outside the run"),
                 ('groups = ["national", "panel"]\n', "'panel'")]
        for body, message in cases:
            exp = self.write("bad.toml", head + body + '[set]\n"simulation.steps" = 3\n')
            out = self.path("bad.h5")
            r = aiplus("sweep", exp, "-o", out)
            self.assertEqual(r.returncode, 2, (body, r.stderr))
            self.assertRegex(r.stderr, LOCATED)
            self.assertIn("bad.toml:", r.stderr)
            self.assertIn(message, r.stderr)
            self.assertFalse(os.path.exists(out))
        r = aiplus("validate", exp)
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, LOCATED)

    def test_plausible_ranges_come_from_the_schema(self):
        out = self.sweep(f'scenario = "{BASS}"\n[set]\n"simulation.firms" = 2000\n"simulation.steps" = 3\n'
                         '[sample]\npoints = 4\n"adoption.p" = "plausible"\n', "plausible")
        with h5py.File(out, "r") as f:
            p = f["national/adoption_p"][:]
            self.assertTrue(np.all((p >= 0.001) & (p <= 0.05)))
            self.assertEqual(list(f["sensitivity/probability_positive"].dims[0][0][:]), [b"base"])


class Contrasts(Sweeps):
    ARMS = ('[[arm]]\nname = "a"\nset = { "human.broad_training" = 0.4 }\n'
            '[[arm]]\nname = "b"\nset = { "human.broad_training" = 0.4 }\n'
            '[[arm]]\nname = "promoted"\nset = { "human.broad_training" = 0.4, "industry.promotion" = 0.02 }\n')

    def test_paired_contrasts_are_zero_for_equal_arms_and_positive_for_a_surer_adoption(self):
        out = self.sweep(f'scenario = "{AI_PLUS}"\nreplicates = 3\n[set]\n"simulation.firms" = 5000\n'
                         f'"simulation.steps" = 18\n{self.ARMS}[grid]\n"industry.targeting" = ["soe_first", "sme_voucher"]\n',
                         "contrasts")
        import xarray as xr
        with xr.open_dataset(out, engine="h5netcdf", group="contrasts") as c, \
                xr.open_dataset(out, engine="h5netcdf", group="national") as nat:
            self.assertEqual(list(c.contrast.values),
                             ["b - a industry_targeting=soe_first", "promoted - a industry_targeting=soe_first",
                              "b - a industry_targeting=sme_voucher", "promoted - a industry_targeting=sme_voucher"])
            self.assertIn("industry_targeting", c.coords)
            self.assertEqual(list(c.reference.values), ["a"] * 4)
            same = c.sel(contrast="b - a industry_targeting=soe_first")
            for suffix in ("_mean", "_lo", "_hi"):
                self.assertTrue(np.all(same["adoption_share" + suffix].values == 0))
            promoted = c.sel(contrast="promoted - a industry_targeting=sme_voucher")
            self.assertGreater(float(promoted.adoption_share_lo[-1]), 0)
            # The mean of paired differences and its t-interval, recomputed from the runs.
            y = nat.adoption_share.values[:, -1].reshape(3, 2, 3)  # arm, grid point, seed
            d = y[2, 1] - y[0, 1]
            half = T975[2] * d.std(ddof=1) / np.sqrt(3)
            np.testing.assert_allclose(float(promoted.adoption_share_mean[-1]), d.mean(), rtol=1e-12)
            np.testing.assert_allclose(float(promoted.adoption_share_hi[-1]), d.mean() + half, rtol=1e-3)
        with xr.open_dataset(out, engine="h5netcdf", group="contrasts/segment") as seg:
            self.assertEqual(seg.adoption_share_mean.dims, ("contrast", "time", "sector", "ownership", "size_class"))

    def test_a_2x2_factorial_gives_the_per_seed_effects_of_its_runs(self):
        with open(os.path.join(SOURCE, "configs", "experiments", "ding_2x2.toml")) as f:
            ding = f.read().replace('"../ai_plus.toml"', f'"{AI_PLUS}"')
        out = self.sweep(ding, "ding", "--firms", "3000", "--steps", "14")
        import xarray as xr
        with xr.open_dataset(out, engine="h5netcdf", group="contrasts/factorial") as f, \
                xr.open_dataset(out, engine="h5netcdf", group="national") as nat:
            self.assertEqual(list(f.effect.values), ["innovation: high - low", "diffusion: high - low",
                                                     "innovation x diffusion interaction"])
            arms = list(nat.arm.values[::5])
            for series in ("ai_tfp_term", "adoption_share_employment"):
                y = {a: nat[series].values[5 * k:5 * k + 5, -1] for k, a in enumerate(arms)}
                ll, hl = y["innovation_low_diffusion_low"], y["innovation_high_diffusion_low"]
                lh, hh = y["innovation_low_diffusion_high"], y["innovation_high_diffusion_high"]
                per_seed = [((hl - ll) + (hh - lh)) / 2, ((lh - ll) + (hh - hl)) / 2, (hh - lh) - (hl - ll)]
                for e, values in enumerate(per_seed):
                    half = T975[4] * values.std(ddof=1) / np.sqrt(5)
                    np.testing.assert_allclose(f[series + "_mean"].values[e, -1], values.mean(), rtol=1e-10, atol=1e-15)
                    np.testing.assert_allclose(f[series + "_lo"].values[e, -1], values.mean() - half, rtol=1e-3, atol=1e-12)


class ReadableFiles(Sweeps):
    def test_a_run_config_from_the_file_reproduces_the_run_bit_for_bit(self):
        out = self.sweep(f'scenario = "{AI_PLUS}"\nreplicates = 2\n[set]\n"simulation.firms" = 4000\n'
                         '"simulation.steps" = 12\n[grid]\n"industry.promotion" = [0.0, 0.01]\n', "repro")
        with h5py.File(out, "r") as f:
            k = 3
            config = f["runs/config"][k].decode()
            national = {name: d[k] for name, d in f["national"].items()
                        if isinstance(d, h5py.Dataset) and d.ndim == 2}
        again = self.path("again.h5")
        r = aiplus("run", self.write("run3.toml", config), "-o", again, "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(again, "r") as f:
            self.assertGreater(len(national), 20)
            for name, values in national.items():
                self.assertEqual(f["national/" + name][:].tobytes(), values.tobytes(), name)

    def test_identifying_values_are_coordinates_and_cells_are_labelled(self):
        out = self.sweep(f'scenario = "{AI_PLUS}"\ngroups = ["national"]\n'
                         '[set]\n"simulation.firms" = 3000\n"simulation.steps" = 6\n[[arm]]\nname = "base"\n[[arm]]\nname = "sme_first"\n'
                         'set = { "industry.targeting" = "sme_voucher" }\n[grid]\n"human.broad_training" = [0.0, 0.5]\n',
                         "labels")
        import xarray as xr
        with xr.open_dataset(out, engine="h5netcdf", group="national") as nat:
            for name in ("seed", "arm", "human_broad_training"):
                self.assertIn(name, nat.adoption_share.coords)
            self.assertEqual(nat.human_broad_training.dtype, np.float64)
            self.assertEqual(nat.human_broad_training.attrs["key"], "human.broad_training")
        with xr.open_dataset(out, engine="h5netcdf", group="summary") as summary:
            self.assertEqual(list(summary.cell.values)[-1], "arm=sme_first human_broad_training=0.5")
            self.assertIn("arm", summary.adoption_share_mean.coords)
        with h5py.File(out, "r") as f:
            self.assertEqual(sorted(k for k in f.keys()), ["contrasts", "national", "runs", "summary"])
            self.assertNotIn("segment", f["summary"])
            self.assertTrue(all("." not in name for name in f["national"]))

    def test_validate_and_dry_run_read_an_experiment_and_write_nothing(self):
        exp = self.write("plan.toml", BASS_DESIGN.format(method='method = "sobol"\nbase = 8') +
                         '[[arm]]\nname = "x"\n[[arm]]\nname = "y"\nset = { "adoption.initial_share" = 0.01 }\n')
        r = aiplus("validate", exp)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("valid experiment (64 runs in 64 cells", r.stdout)
        self.assertEqual(aiplus("validate", BASS).returncode, 0)  # scenarios still validate
        out = self.path("plan.h5")
        r = aiplus("sweep", exp, "-o", out, "--dry-run")
        self.assertEqual(r.returncode, 0, r.stderr)
        for fragment in ("64 runs", "arms: x, y", "sample: sobol, 32 points", "seeds: 1 .. 1", "runs at once",
                         "estimated time", "memory", "file:"):
            self.assertIn(fragment, r.stdout)
        self.assertFalse(os.path.exists(out))
        self.assertEqual(os.listdir(self.tmp), ["plan.toml"])


if __name__ == "__main__":
    import unittest
    unittest.main()
