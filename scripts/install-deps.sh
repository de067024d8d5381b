#!/usr/bin/env bash
# Installs the Debian 12 packages aiplus needs to build, test and run, and only
# those that are missing. Needs root (or sudo) when something is missing.
set -euo pipefail

packages=(
  cmake g++ make pkg-config git clang libclang-rt-14-dev dpkg-dev
  libtbb-dev libboost-random-dev libhdf5-dev libspdlog-dev doctest-dev
  libtomlplusplus-dev libcli11-dev librandom123-dev libopenmpi-dev openmpi-bin
  libcpp-httplib-dev nlohmann-json3-dev libjs-chart.js chromium chromium-driver python3-selenium
  python3 python3-h5py python3-numpy python3-xarray python3-h5netcdf python3-pandas
  python3-matplotlib jupyter-nbconvert python3-ipykernel python3-nbformat python3-nbclient
  python3-dev pybind11-dev python3-tqdm python3-pytest
)

missing=()
for p in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing missing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
