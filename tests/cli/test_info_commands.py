"""End-to-end tests of the commands that describe the model: `aiplus params`,
`aiplus outputs`, `aiplus validate` and `--help`, and of the checks that tie a
config to its model kind and calendar.
"""
import json
import os
import subprocess
import unittest

import h5py
import numpy as np

from test_cli import AIPLUS, SOURCE, TempDirTest, aiplus

AI_PLUS = os.path.join(SOURCE, "configs", "ai_plus.toml")
BASS = os.path.join(SOURCE, "configs", "bass.toml")


def datasets(path):
    found = []
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, obj: found.append("/" + name) if isinstance(obj, h5py.Dataset) else None)
    return sorted(found)


class Help(unittest.TestCase):
    def test_every_command_has_help_with_units(self):
        for command in ("run", "validate", "params", "outputs", "bench", "sweep"):
            r = aiplus(command, "--help")
            self.assertEqual(r.returncode, 0)
            self.assertIn("--help", r.stdout)
        self.assertIn("monthly steps", aiplus("run", "--help").stdout)

    def test_params_lists_every_key_with_unit_and_default(self):
        r = aiplus("params")
        self.assertEqual(r.returncode, 0)
        for key in ("adoption.p", "adoption.q", "network.mixing", "network.partners", "simulation.seed",
                    "simulation.start", "consideration.p", "industry.soe_mandate"):
            self.assertIn(key, r.stdout)
        self.assertIn("unit: 1/step", r.stdout)

    def test_params_of_one_model_lists_only_its_keys(self):
        listed = json.loads(aiplus("params", "--model", "bass", "--json").stdout)
        keys = {row["key"] for row in listed}
        self.assertIn("adoption.q", keys)
        self.assertIn("network.partners", keys)
        self.assertIn("simulation.start", keys)
        self.assertNotIn("industry.promotion", keys)
        self.assertNotIn("consideration.p", keys)
        firms = json.loads(aiplus("params", "--model", "firms", "--json").stdout)
        by_key = {row["key"]: row for row in firms}
        self.assertNotIn("adoption.q", by_key)
        self.assertEqual(by_key["consideration.p"]["unit"], "1/month")
        self.assertEqual(by_key["consideration.p"]["valid"], [0, 1])
        self.assertEqual(aiplus("params", "--model", "nonsense").returncode, 2)


class Outputs(TempDirTest):
    def test_output_md_is_what_aiplus_outputs_prints(self):
        r = subprocess.run(["/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3",
                            os.path.join(SOURCE, "scripts", "output_doc.py"), AIPLUS, "--check",
                            os.path.join(SOURCE, "OUTPUT.md")], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_outputs_json_lists_every_dataset_of_a_run_file_and_only_those(self):
        for config, extra in ((AI_PLUS, ["--set", 'output.panels=["2025-06", "2026-01"]']),
                              (AI_PLUS, []), (BASS, [])):
            with self.subTest(config=os.path.basename(config), panels=bool(extra)):
                out = self.path("run.h5")
                args = [config, "--firms", "3000", "--steps", "14", *extra]
                r = aiplus("run", *args, "-o", out, "-q", "--force")
                self.assertEqual(r.returncode, 0, r.stderr)
                listed = json.loads(aiplus("outputs", *args, "--json").stdout)
                self.assertEqual(sorted(d["path"] for d in listed["datasets"]), datasets(out))
                with h5py.File(out, "r") as f:
                    for d in listed["datasets"]:
                        if d["path"].endswith(("/time", "/firm")) or "units" not in f[d["path"]].attrs:
                            continue
                        self.assertEqual(f[d["path"]].attrs["units"], d["units"], d["path"])

    def test_every_series_has_units_and_a_definition(self):
        for model in ("firms", "bass"):
            listed = json.loads(aiplus("outputs", "--model", model, "--json").stdout)
            self.assertEqual(listed["model"], model)
            for d in listed["datasets"]:
                self.assertTrue(d["units"], d["path"])
                self.assertTrue(d["definition"], d["path"])


class ModelKindsAndCalendar(TempDirTest):
    def test_a_key_of_another_model_is_refused_naming_its_model(self):
        r = aiplus("run", AI_PLUS, "--set", "adoption.q=0.4", "-o", self.path("x.h5"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("adoption.q belongs to the bass model", r.stderr)
        self.assertFalse(os.path.exists(self.path("x.h5")))
        lever = self.write("bass_lever.toml", 'extends = "%s"\n[industry]\npromotion = 0.01\n' % BASS)
        r = aiplus("validate", lever)
        self.assertEqual(r.returncode, 2)
        self.assertIn("bass_lever.toml:3:13: industry.promotion belongs to the firms model", r.stderr)

    def test_the_start_month_sets_the_time_axis_and_the_milestones(self):
        out = self.path("start.h5")
        r = aiplus("run", AI_PLUS, "--set", "simulation.start=2023-01", "--set", 'output.milestones=["2025-06"]',
                   "--firms", "3000", "--steps", "30", "-o", out, "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(out, "r") as f:
            time = f["national/time"]
            self.assertEqual(time.attrs["units"], "days since 2023-01-01")
            self.assertEqual(list(time[:3]), [0, 31, 59])
            self.assertIn("start = '2023-01'", f.attrs["config"])
            # The end of 2025-06 is row 30 after 2023-01 (the start of 2025-07).
            self.assertEqual(f["national"].attrs["deployed_share_2025_06"], f["national/deployed_share"][30])

    def test_schedules_may_start_before_the_start_month_but_not_end_past_the_calendar(self):
        self.assertEqual(aiplus("validate", AI_PLUS, "--set", "simulation.start=2026-01").returncode, 0)
        r = aiplus("validate", AI_PLUS, "--set", "simulation.start=2026-01",
                   "--set", 'industry.promotion={ steps = [["2025-01", 0], ["2126-01", 0.1]] }')
        self.assertEqual(r.returncode, 2)
        self.assertIn("outside the model's calendar; expected months up to 2125-12", r.stderr)


class ShippedFiles(unittest.TestCase):
    def test_every_shipped_scenario_and_experiment_is_valid(self):
        # A renamed key, a moved file or a stale path in any shipped file fails here.
        found = []
        for folder in ("configs", os.path.join("configs", "experiments"),
                       os.path.join("configs", "experiments", "economies"), "bench"):
            for name in sorted(os.listdir(os.path.join(SOURCE, folder))):
                if name.endswith(".toml"):
                    found.append(os.path.join(SOURCE, folder, name))
        self.assertGreater(len(found), 15)
        for path in found:
            with self.subTest(path=os.path.relpath(path, SOURCE)):
                r = aiplus("validate", path)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertIn("valid", r.stdout)


class PublishedBand(TempDirTest):
    def test_the_ai_term_of_tfp_lands_in_the_published_band_for_every_scenario(self):
        # 200,000 firms, the shipped scenarios as they are: the AI term of TFP at the end
        # of 2035-12 lies inside the band the file stores beside the series.
        for scenario in ("baseline", "ai_plus", "ding_innovation_led", "ding_diffusion_led"):
            with self.subTest(scenario=scenario):
                out = self.path(scenario + ".h5")
                r = aiplus("run", os.path.join(SOURCE, "configs", scenario + ".toml"),
                           "--firms", "200000", "-o", out, "-q")
                self.assertEqual(r.returncode, 0, r.stderr)
                with h5py.File(out, "r") as f:
                    term = f["national/ai_tfp_term"]
                    low, high = term.attrs["reference_low"], term.attrs["reference_high"]
                    self.assertEqual((low, high), (0.005, 0.15))
                    self.assertEqual(f["national"].attrs["ai_tfp_term_2035_12"], term[132])
                    self.assertGreaterEqual(term[132], low)
                    self.assertLessEqual(term[132], high)


if __name__ == "__main__":
    unittest.main()
