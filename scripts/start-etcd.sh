#!/usr/bin/env bash
# Runs a single-member etcd on loopback for trying navarch with --store etcd://127.0.0.1:$PORT.
# Usage: scripts/start-etcd.sh [DATA_DIR]   (env: PORT=2379, PEER_PORT=PORT+1, ETCD_BIN=/usr/bin/etcd)
# Runs in the foreground; Ctrl-C stops it. Tests do not use this script (see src/storage/etcd/etcd-fixture.ts).
set -euo pipefail

port="${PORT:-2379}"
peer_port="${PEER_PORT:-$((port + 1))}"
data_dir="${1:-${DATA_DIR:-./.etcd-data}}"
etcd_bin="${ETCD_BIN:-$(command -v etcd || echo /usr/bin/etcd)}"

if [[ ! -x "$etcd_bin" ]]; then
  echo "start-etcd: no etcd binary (install the etcd-server package or set ETCD_BIN)" >&2
  exit 1
fi

mkdir -p -m 700 "$data_dir"
client_url="http://127.0.0.1:${port}"
peer_url="http://127.0.0.1:${peer_port}"
echo "start-etcd: etcd://127.0.0.1:${port} (data in ${data_dir})" >&2
exec "$etcd_bin" \
  --name navarch \
  --data-dir "$data_dir" \
  --listen-client-urls "$client_url" \
  --advertise-client-urls "$client_url" \
  --listen-peer-urls "$peer_url" \
  --initial-advertise-peer-urls "$peer_url" \
  --initial-cluster "navarch=${peer_url}" \
  --initial-cluster-state new \
  --logger zap --log-outputs stderr --log-level warn
