/**
 * The objects pod configuration reads besides the pod: the parts of ConfigMaps, Secrets and
 * Services it looks at (API objects as the client returns them are assignable to these).
 */

export interface ConfigMapView {
  data?: Record<string, string>;
}

/** A Secret as the API serves it: `data` values are base64. */
export interface SecretView {
  data?: Record<string, string>;
}

export interface ServiceView {
  metadata: { name?: string; namespace?: string };
  spec?: {
    clusterIP?: string;
    ports?: Array<{ name?: string; port?: number; protocol?: string }>;
  };
}

export interface EnvVar {
  name: string;
  value: string;
}
