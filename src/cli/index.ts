/**
 * The navarch command line: parses the sub-command and its flags and hands off to the process
 * entry points in cmd/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir, runServer, stopOnSignals } from '../cmd/index.js';
import { checkKnown, flagInt, parseArgs, type ParsedArgs } from './flags.js';

const SERVER_FLAGS = [
  'data-dir', 'datastore-endpoint', 'bind-address', 'https-port', 'service-cidr', 'cluster-cidr',
  'advertise-address', 'tls-san',
];

const USAGE = `navarch — a Kubernetes-compatible cluster

Usage:
  navarch up [flags]          start a single-machine cluster (server; node agent to come)
  navarch server [flags]      start the API server
  navarch kubeconfig [--data-dir DIR]   print the admin kubeconfig
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
`;

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
  };
}

export async function runCli(argv: string[]): Promise<number | void> {
  const [command, ...rest] = argv;
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };
  switch (command) {
    case 'server':
    case 'up': {
      const args = parseArgs(rest);
      checkKnown(args, SERVER_FLAGS, `navarch ${command}`);
      const api = await runServer(serverFlags(args), log);
      stopOnSignals(() => api.stop());
      return undefined;
    }
    case 'kubeconfig': {
      const args = parseArgs(rest);
      checkKnown(args, ['data-dir'], 'navarch kubeconfig');
      const dir = args.flags.get('data-dir') ?? defaultDataDir();
      process.stdout.write(readFileSync(join(dir, 'kubeconfig.yaml'), 'utf8'));
      return 0;
    }
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
