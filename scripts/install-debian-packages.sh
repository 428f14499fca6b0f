#!/usr/bin/env bash
# bash scripts/install-debian-packages.sh PACKAGE...: installs those of Debian's packages that are not installed
# yet (CI, the security scan and the bench take their tools this way). Needs root, as apt does.
set -euo pipefail

missing=()
for package in "$@"; do
  [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" = "install ok installed" ] || missing+=("$package")
done
[ "${#missing[@]}" = 0 ] && exit 0
echo "installing ${missing[*]} (Debian packages)"

# Another apt or dpkg at work (a second script installing its tool) holds the lock: wait for it, don't fail.
apt_get() { apt-get -o DPkg::Lock::Timeout=300 -qq "$@"; }
# An install stopped midway (a run killed during apt) leaves dpkg "interrupted", and apt refuses every later install
# until `dpkg --configure -a` finishes the earlier one: finish it, then install.
apt_get update
if ! apt_get install -y "${missing[@]}" >/dev/null; then
  echo "apt refused; finishing an interrupted dpkg run, then trying again"
  dpkg --configure -a
  apt_get install -y --fix-broken "${missing[@]}" >/dev/null
fi
