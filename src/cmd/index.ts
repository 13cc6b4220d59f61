/** Process entry points: what `navarch server`, `navarch up` and `navarch agent` run. */
export { runServer, stopOnSignals, defaultDataDir, type ServerFlags } from './server.js';
export { runUp, ensureNodeToken, type UpFlags, type RunningUp } from './up.js';
export { runAgent, type AgentFlags, type RunningAgent } from './agent.js';
export type { SimulationFlags } from './up.js';
