/**
 * The node agent's kubelet API (HTTPS, port 10250 by default): what the API server calls to serve
 * `kubectl logs` — a container's log read from its CRI log file with the kubelet's options, checks and
 * messages, followed while the container runs — and, by HTTP upgrade (SPDY/3.1 or WebSocket),
 * `kubectl exec`, `attach`, `cp` and `port-forward`. The agent supplies a LogSource (its pods, their
 * log directories, whether a container still runs) and a StreamSource (exec in a container, the pod's
 * sandbox, a container's stdin); only clients with a cluster-CA certificate get in.
 */
export { startKubeletServer, DEFAULT_KUBELET_PORT, KUBELET_CLIENT_USER, type KubeletServer, type KubeletServerOptions } from './kubelet-server.js';
export type { LogSource, LogPod, PodStatusView, ContainerStatusView, ContainerStateView } from './log-source.js';
export { selectLogContainer, type LogTarget } from './container-log-status.js';
export { parseContainerLogQuery, sinceNsOf, type ContainerLogQuery } from './log-query.js';
export type { StreamSource, PodSandboxView } from './stream-source.js';
export { parseStreamPath, remoteCommandOptions, type StreamRequest, type StreamKind } from './stream-request.js';
export { relayCounter } from './port-forward-session.js';
