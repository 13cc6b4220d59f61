/** Probes and lifecycle hooks: how the kubelet checks containers and what it runs when they start and stop. */
import { embed, field, int32, int64, intOrString, listOf, object, string } from '../../../schema/build.js';

export const ProbeSchema = object('io.k8s.api.core.v1.Probe', 'A periodic check of a container: how to run it and when it counts as passed or failed.', () => ({
  // ProbeHandler is embedded here: flat in JSON, protobuf field 1 of Probe.
  ...embed(ProbeHandlerSchema, 1),
  initialDelaySeconds: field(int32, 'Seconds to wait after the container starts before the first check.', { proto: 2 }),
  timeoutSeconds: field(int32, 'Seconds after which a check times out; 1 if unset.', { proto: 3 }),
  periodSeconds: field(int32, 'Seconds between checks; 10 if unset.', { proto: 4 }),
  successThreshold: field(
    int32,
    'Consecutive passes needed after a failure; 1 if unset and must be 1 for liveness and startup probes.',
    { proto: 5 },
  ),
  failureThreshold: field(int32, 'Consecutive failures that make the probe fail; 3 if unset.', { proto: 6 }),
  terminationGracePeriodSeconds: field(
    int64,
    "Grace period used when this probe's failure kills the container; overrides the pod's.",
    { proto: 7 },
  ),
}));

export const ProbeHandlerSchema = object('io.k8s.api.core.v1.ProbeHandler', 'How a probe checks the container; exactly one field is set.', () => ({
  exec: field(ExecActionSchema, 'Run a command in the container; exit status 0 passes.', { proto: 1 }),
  httpGet: field(HTTPGetActionSchema, 'Send an HTTP GET; a status from 200 to 399 passes.', { proto: 2 }),
  tcpSocket: field(TCPSocketActionSchema, 'Open a TCP connection; connecting passes.', { proto: 3 }),
  grpc: field(GRPCActionSchema, 'Call the gRPC health checking service.', { proto: 4 }),
}));

export const ExecActionSchema = object('io.k8s.api.core.v1.ExecAction', 'A command run inside the container.', () => ({
  command: field(listOf(string), 'Command and arguments, run directly (not through a shell) in /.',
    { proto: 1, listType: 'atomic' }),
}));

export const HTTPGetActionSchema = object('io.k8s.api.core.v1.HTTPGetAction', 'An HTTP GET request sent to the container.', () => ({
  path: field(string, 'Request path.', { proto: 1 }),
  port: field(intOrString, 'Port number (1-65535) or name of a container port.', { required: true, proto: 2 }),
  host: field(string, 'Host to connect to; the pod IP if unset (set a Host header instead to name a virtual host).',
    { proto: 3 }),
  scheme: field(string, 'HTTP (the default) or HTTPS (certificates are not verified).', { proto: 4 }),
  httpHeaders: field(listOf(HTTPHeaderSchema), 'Extra request headers.', { proto: 5, listType: 'atomic' }),
  protocol: field(string, 'Wire protocol to use; HTTP/1.1 if unset.', { proto: 6 }),
}));

export const HTTPHeaderSchema = object('io.k8s.api.core.v1.HTTPHeader', 'One HTTP header.', () => ({
  name: field(string, 'Header name.', { required: true, proto: 1 }),
  value: field(string, 'Header value.', { required: true, proto: 2 }),
}));

export const TCPSocketActionSchema = object('io.k8s.api.core.v1.TCPSocketAction', 'A TCP connection opened to the container.', () => ({
  port: field(intOrString, 'Port number (1-65535) or name of a container port.', { required: true, proto: 1 }),
  host: field(string, 'Host to connect to; the pod IP if unset.', { proto: 2 }),
}));

export const GRPCActionSchema = object('io.k8s.api.core.v1.GRPCAction', 'A gRPC health check (grpc.health.v1) against the container.', () => ({
  port: field(int32, 'Port of the gRPC server (1-65535).', { required: true, proto: 1 }),
  service: field(string, 'Service name sent in the health check request; "" asks about the server as a whole.',
    { proto: 2, default: '' }),
  mode: field(string, 'TLS (no certificate verification) or Plaintext.', { proto: 3 }),
}));

export const LifecycleSchema = object('io.k8s.api.core.v1.Lifecycle', 'Hooks run when a container starts and stops, and how it is told to stop.', () => ({
  postStart: field(LifecycleHandlerSchema, 'Runs right after the container is created; if it fails the container is killed.',
    { proto: 1 }),
  preStop: field(LifecycleHandlerSchema, 'Runs before the container is stopped; the grace period keeps counting meanwhile.',
    { proto: 2 }),
  stopSignal: field(string, "Signal sent to stop the container; the image's or runtime's default if unset.", { proto: 3 }),
}));

export const LifecycleHandlerSchema = object('io.k8s.api.core.v1.LifecycleHandler', 'What a lifecycle hook does; exactly one field is set.', () => ({
  exec: field(ExecActionSchema, 'Run a command in the container.', { proto: 1 }),
  httpGet: field(HTTPGetActionSchema, 'Send an HTTP GET to the container.', { proto: 2 }),
  tcpSocket: field(TCPSocketActionSchema, 'Kept for compatibility only; does nothing.', { proto: 3 }),
  sleep: field(SleepActionSchema, 'Wait for a number of seconds.', { proto: 4 }),
}));

export const SleepActionSchema = object('io.k8s.api.core.v1.SleepAction', 'Wait before going on.', () => ({
  seconds: field(int64, 'Seconds to wait.', { required: true, proto: 1 }),
}));
