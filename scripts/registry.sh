#!/usr/bin/env bash
# Starts and stops a local image registry (Debian's docker-registry, the CNCF distribution server)
# on a loopback address, with no authentication, for the image and runtime tests.
#   scripts/registry.sh start DIR [ADDR]   config, storage, log and pid file in DIR; ADDR 127.0.0.1:5000
#   scripts/registry.sh stop DIR
# Both are idempotent: start does nothing when DIR's registry already answers, stop when none runs.
# Env: REGISTRY_BIN (default: docker-registry on PATH, else /usr/bin/docker-registry).
set -euo pipefail

usage() { echo "usage: $0 start DIR [127.0.0.1:PORT] | stop DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd="$1"
dir="$2"
addr="${3:-127.0.0.1:5000}"

# The pid file holds a pid only while that process is still our registry (pids are reused).
running_pid() {
  local pid
  [ -f "$dir/registry.pid" ] || return 1
  pid="$(cat "$dir/registry.pid")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$dir/config.yml" || return 1
  echo "$pid"
}

case "$cmd" in
  start)
    case "$addr" in
      127.*:*|localhost:*) ;;
      *) echo "registry: refusing to listen on $addr (loopback addresses only)" >&2; exit 2 ;;
    esac
    bin="${REGISTRY_BIN:-$(command -v docker-registry || echo /usr/bin/docker-registry)}"
    if [ ! -x "$bin" ]; then
      echo "registry: no docker-registry binary (install the docker-registry package: scripts/setup.sh --test)" >&2
      exit 1
    fi
    mkdir -p "$dir/storage"
    dir="$(cd "$dir" && pwd)"
    if pid="$(running_pid)"; then
      if curl -fsS -o /dev/null "http://$(cat "$dir/registry.addr")/v2/"; then
        cat "$dir/registry.addr"
        exit 0
      fi
      kill "$pid" 2>/dev/null || true
    fi
    cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: $addr
  secret: navarch-local-test-registry
EOF
    echo "$addr" >"$dir/registry.addr"
    setsid "$bin" serve "$dir/config.yml" >"$dir/registry.log" 2>&1 </dev/null &
    echo $! >"$dir/registry.pid"
    for _ in $(seq 1 100); do
      if curl -fsS -o /dev/null "http://$addr/v2/" 2>/dev/null; then
        echo "$addr"
        exit 0
      fi
      if ! running_pid >/dev/null; then break; fi
      sleep 0.05
    done
    echo "registry: did not start on $addr; its log:" >&2
    tail -n 20 "$dir/registry.log" >&2 || true
    exit 1
    ;;
  stop)
    [ -d "$dir" ] || exit 0
    dir="$(cd "$dir" && pwd)"
    if pid="$(running_pid)"; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do
        running_pid >/dev/null || break
        sleep 0.05
      done
      if running_pid >/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    fi
    rm -f "$dir/registry.pid"
    ;;
  *) usage ;;
esac
