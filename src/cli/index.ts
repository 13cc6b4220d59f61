/**
 * The navarch command line: parses the sub-command and its flags and hands off to the process
 * entry points in cmd/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir, runAgent, runServer, runUp, stopOnSignals, type SimulationFlags } from '../cmd/index.js';
import { resetNode } from '../agent/index.js';
import { checkKnown, flagInt, parseArgs, type ParsedArgs } from './flags.js';
import { runImages } from './images.js';

const SERVER_FLAGS = [
  'data-dir', 'datastore-endpoint', 'bind-address', 'https-port', 'service-cidr', 'cluster-cidr',
  'advertise-address', 'tls-san', 'cluster-dns',
];

const SIMULATION_FLAGS = ['simulate-nodes', 'node-template', 'simulation-config', 'node-labels', 'node-taints'];
const NODE_FLAGS = ['node-name', 'node-ip', 'cluster-dns', 'cluster-domain', 'cni-bridge', 'kubelet-port'];
const AGENT_FLAGS = ['server', 'token', 'server-ca', 'data-dir', 'cluster-cidr', ...SIMULATION_FLAGS, ...NODE_FLAGS];

const USAGE = `navarch — a Kubernetes-compatible cluster

Usage:
  navarch up [flags]          start a single-machine cluster: the server and this machine as a node
                              running pods under runc (--simulate-nodes N: N simulated nodes instead)
  navarch server [flags]      start the API server
  navarch agent --server URL --token T [--simulate-nodes N]   join this machine (or N simulated nodes)
  navarch kubeconfig [--data-dir DIR]   print the admin kubeconfig
  navarch killall [--data-dir DIR]      stop this node's pod containers and remove its pod network
                              (run after stopping navarch; containers otherwise outlive it)
  navarch images import FILE|DIR…       load OCI image layouts (tar or directory) and docker save archives
  navarch images ls                     list this node's images
  navarch images rm IMAGE…              remove images no container of this node uses
                              (each takes --data-dir DIR; a running node sees the change at once)
  navarch version             print the version

Server flags:
  --data-dir DIR              state, certificates and kubeconfig (default /var/lib/navarch as root, ~/.navarch otherwise)
  --datastore-endpoint URL    sqlite://PATH (default <data-dir>/state.db), etcd://HOST:PORT[,HOST:PORT], memory://
  --bind-address IP           address to listen on (default 0.0.0.0)
  --https-port N              API port (default 6443)
  --service-cidr CIDR         service IP range (default 10.43.0.0/16)
  --cluster-cidr CIDR         pod IP range (default 10.42.0.0/16)
  --advertise-address IP      address pods use to reach the API server
  --tls-san NAME[,NAME]       extra names/IPs for the serving certificate
  --cluster-dns IP            the kube-dns Service's address, served by every node (default: the 10th
                              address of the service range, 10.43.0.10)

Simulated nodes (navarch up, navarch agent):
  --simulate-nodes N          run N simulated nodes (no processes: pods only appear to run)
  --node-template FILE        a Node-shaped YAML: labels, annotations, spec.taints, status.capacity/allocatable
  --node-labels K=V[,K=V]     extra labels for every simulated node
  --node-taints K[=V]:EFFECT[,…]  taints for every simulated node
  --simulation-config FILE    YAML: startupDelaySeconds, runSeconds, failureProbability, terminationDelaySeconds,
                              workers, leaseDurationSeconds, leaseRenewSeconds, statusUpdateSeconds

Node flags (navarch up, navarch agent):
  --node-name NAME            the node's name (default: the host name)
  --node-ip IP                the node's InternalIP (default: the first non-loopback IPv4 address)
  --cluster-dns IP            the DNS address pods use and the node serves (default 10.43.0.10)
  --cluster-domain DOMAIN     the cluster's DNS domain (default cluster.local)
  --cni-bridge NAME           the pods' bridge (default cni0)
  --kubelet-port N            the node's kubelet API port, for logs and exec (default 10250; 0: any free port)

Agent flags:
  --server URL                the API server (https://HOST:PORT)
  --token T                   the server's <data-dir>/node-token
  --server-ca FILE            trust this CA instead of fetching /cacerts and checking it against the token
`;

function simulationFlags(args: ParsedArgs): SimulationFlags {
  return {
    simulateNodes: flagInt(args, 'simulate-nodes', 0),
    nodeTemplate: args.flags.get('node-template'),
    simulationConfig: args.flags.get('simulation-config'),
    nodeLabels: args.flags.get('node-labels'),
    nodeTaints: args.flags.get('node-taints'),
  };
}

function nodeFlags(args: ParsedArgs) {
  return {
    nodeName: args.flags.get('node-name'),
    nodeIP: args.flags.get('node-ip'),
    clusterDNS: args.flags.get('cluster-dns'),
    clusterDomain: args.flags.get('cluster-domain'),
    cniBridge: args.flags.get('cni-bridge'),
    kubeletPort: flagInt(args, 'kubelet-port', 10250),
  };
}

function serverFlags(args: ParsedArgs) {
  return {
    dataDir: args.flags.get('data-dir'),
    datastoreEndpoint: args.flags.get('datastore-endpoint'),
    bindAddress: args.flags.get('bind-address'),
    httpsPort: flagInt(args, 'https-port', 6443),
    serviceCIDR: args.flags.get('service-cidr'),
    clusterCIDR: args.flags.get('cluster-cidr'),
    advertiseAddress: args.flags.get('advertise-address'),
    tlsSans: args.flags.get('tls-san')?.split(',').map((s) => s.trim()).filter(Boolean),
    clusterDNS: args.flags.get('cluster-dns'),
  };
}

export async function runCli(argv: string[]): Promise<number | void> {
  const [command, ...rest] = argv;
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };
  switch (command) {
    case 'server': {
      const args = parseArgs(rest);
      checkKnown(args, SERVER_FLAGS, `navarch ${command}`);
      const api = await runServer(serverFlags(args), log);
      stopOnSignals(() => api.stop());
      return undefined;
    }
    case 'up': {
      const args = parseArgs(rest);
      checkKnown(args, [...SERVER_FLAGS, ...SIMULATION_FLAGS, ...NODE_FLAGS], 'navarch up');
      const up = await runUp({ ...serverFlags(args), ...simulationFlags(args), ...nodeFlags(args) }, log);
      stopOnSignals(() => up.stop());
      return undefined;
    }
    case 'agent': {
      const args = parseArgs(rest);
      checkKnown(args, AGENT_FLAGS, 'navarch agent');
      const agent = await runAgent({
        ...simulationFlags(args), ...nodeFlags(args), server: args.flags.get('server'), token: args.flags.get('token'),
        serverCa: args.flags.get('server-ca'), dataDir: args.flags.get('data-dir'), clusterCIDR: args.flags.get('cluster-cidr'),
      }, log);
      stopOnSignals(() => agent.stop());
      return undefined;
    }
    case 'kubeconfig': {
      const args = parseArgs(rest);
      checkKnown(args, ['data-dir'], 'navarch kubeconfig');
      const dir = args.flags.get('data-dir') ?? defaultDataDir();
      process.stdout.write(readFileSync(join(dir, 'kubeconfig.yaml'), 'utf8'));
      return 0;
    }
    case 'killall': {
      const args = parseArgs(rest);
      checkKnown(args, ['data-dir'], 'navarch killall');
      await resetNode(args.flags.get('data-dir') ?? defaultDataDir(), log);
      return 0;
    }
    case 'images':
      return runImages(rest);
    case 'version':
      process.stdout.write(`navarch ${packageVersion()} (Kubernetes v1.32 API)\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`navarch: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
      return 2;
  }
}

function packageVersion(): string {
  try {
    const url = new URL('../../../package.json', import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return 'dev';
  }
}
