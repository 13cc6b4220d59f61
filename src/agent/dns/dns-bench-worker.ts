/** Worker thread entry of the DNS benchmark: runs the load generator away from the server's event loop. */
import { parentPort, workerData } from 'node:worker_threads';
import { runBenchClient, type MeasureOptions } from './dns-bench-client.js';

const result = await runBenchClient(workerData as MeasureOptions);
parentPort?.postMessage(result);
