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

# Never a question (a package's debconf prompt, a changed configuration file): a run has no one to answer it.
export DEBIAN_FRONTEND=noninteractive
# Another apt or dpkg at work (a second script installing its tool) holds the lock: wait for it, don't fail.
# Each call is bounded: a hung mirror fails this install, not the run that asked for it.
apt_get() {
  timeout 10m apt-get -o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold -qq "$@"
}
# An install stopped midway (a run killed during apt) leaves dpkg "interrupted", and apt refuses every later install
# until `dpkg --configure -a` finishes the earlier one (dpkg itself does not wait for the lock: it is asked again).
finish_interrupted() {
  for _ in $(seq 1 60); do
    timeout 10m dpkg --force-confdef --force-confold --configure -a && return 0
    sleep 5
  done
  return 1
}
# `apt-get update` takes the package lists' lock without waiting for it (the option above is dpkg's lock only).
updated=""
for _ in $(seq 1 60); do
  if apt_get update; then updated=yes; break; fi
  sleep 5
done
[ -n "$updated" ] || { echo "apt-get update failed for five minutes"; exit 1; }
if ! apt_get install -y "${missing[@]}" >/dev/null; then
  echo "apt refused; finishing an interrupted dpkg run, then trying again"
  finish_interrupted
  apt_get install -y --fix-broken "${missing[@]}" >/dev/null
fi
