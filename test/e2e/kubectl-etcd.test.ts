import { kubectlScenario } from './kubectl-scenario.js';

kubectlScenario('etcd');
