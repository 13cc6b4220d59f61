#!/usr/bin/env bash
# Installs what navarch needs on a fresh Debian machine, skipping what is already there.
#   scripts/setup.sh          what a cluster needs
#   scripts/setup.sh --test   also what the tests need (etcd for the etcd driver tests; a local
#                             registry and busybox for the image and runtime tests)
set -euo pipefail
cd "$(dirname "$0")/.."

want=()
need() { command -v "$1" >/dev/null 2>&1 || want+=("$2"); }
needpkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed' || want+=("$1"); }
# A node runs pods with runc, networks them with the CNI plugins and iptables; the service proxy
# clears stale UDP flows with conntrack.
need runc runc
needpkg containernetworking-plugins
need iptables iptables
need conntrack conntrack
if [ "${1:-}" = "--test" ]; then
  need etcd etcd-server
  need docker-registry docker-registry
  needpkg busybox-static   # the static build: the test image's only binary
  need dig bind9-dnsutils  # checks of the cluster DNS with a second resolver
fi
if [ ${#want[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: ${want[*]} missing, and installing them needs root: run sudo scripts/setup.sh ${1:-}" >&2
    exit 1
  fi
  echo "setup: installing ${want[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${want[@]}" >/dev/null
fi
[ "$(id -u)" = 0 ] || echo "setup: note: navarch up runs pods only as root (runc, network namespaces, iptables); without root use --simulate-nodes N" >&2
command -v kubectl >/dev/null 2>&1 || echo "setup: warning: kubectl is not on PATH (the e2e tests drive the real kubectl)" >&2

# Dependencies and the compiled CLI (npm ci runs the build through the prepare script).
stamp=node_modules/.navarch-lock
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
else
  npm run -s build
fi
