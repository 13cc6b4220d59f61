/** `npm run bench -- NAME`: runs one benchmark and prints its figures. */
import { runApiBench } from './api.js';
import { runSchedulerBench } from './scheduler.js';
import { runSchedulerCoreBench } from './scheduler-core.js';
import { runStartupBench } from './startup.js';
import { runPodsBench } from './pods.js';
import { runRolloutBench } from './rollout.js';
import { runNetworkBench } from './network.js';
import { runStreamingBench } from './streaming.js';
import { runDnsBench } from '../src/agent/index.js';

const benches: Record<string, () => Promise<void>> = {
  api: runApiBench, startup: runStartupBench, 'scheduler-core': runSchedulerCoreBench, scheduler: runSchedulerBench, pods: runPodsBench,
  dns: async () => { await runDnsBench(); },
  rollout: runRolloutBench, network: runNetworkBench, streaming: runStreamingBench,
};

const name = process.argv[2] ?? 'api';
const bench = benches[name];
if (!bench) {
  process.stderr.write(`unknown benchmark ${JSON.stringify(name)}; known: ${Object.keys(benches).join(', ')}\n`);
  process.exitCode = 2;
} else {
  await bench();
}
