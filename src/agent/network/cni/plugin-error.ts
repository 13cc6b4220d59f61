/**
 * A failed CNI plugin run, carrying the error a plugin prints on stdout (CNI spec 1.0: `code`,
 * `msg`, `details`) or, for a plugin that died without one, its exit status and stderr.
 */

/** The well-known error codes of the CNI specification (1.0), in our own words. */
const CODE_MEANINGS: Record<number, string> = {
  1: 'incompatible CNI version',
  2: 'unsupported field in network configuration',
  3: 'container unknown or does not exist',
  4: 'invalid or missing environment variables',
  5: 'I/O failure',
  6: 'failed to decode content',
  7: 'invalid network configuration',
  11: 'try again later',
};

export interface PluginErrorInit {
  plugin: string;
  command: string;
  /** The plugin's CNI error code, when it printed an error object. */
  code?: number;
  msg: string;
  details?: string;
  exitCode?: number | null;
  stderr?: string;
}

export class CniPluginError extends Error {
  readonly plugin: string;
  readonly command: string;
  readonly code?: number;
  readonly details?: string;
  readonly exitCode?: number | null;
  readonly stderr?: string;

  constructor(init: PluginErrorInit) {
    super(describe(init));
    this.name = 'CniPluginError';
    this.plugin = init.plugin;
    this.command = init.command;
    this.code = init.code;
    this.details = init.details;
    this.exitCode = init.exitCode;
    this.stderr = init.stderr;
  }

  /** Error code 11: the plugin asks to be called again later. */
  get retryable(): boolean {
    return this.code === 11;
  }
}

function describe(e: PluginErrorInit): string {
  const parts = [`CNI plugin "${e.plugin}" failed ${e.command}`];
  if (e.code !== undefined) {
    const meaning = CODE_MEANINGS[e.code];
    parts.push(` (code ${e.code}${meaning ? `, ${meaning}` : ''})`);
  } else if (e.exitCode !== undefined) {
    parts.push(` (exit status ${e.exitCode ?? 'killed'})`);
  }
  parts.push(`: ${e.msg || 'no message'}`);
  if (e.details && e.details !== e.msg) parts.push(`: ${e.details}`);
  return parts.join('');
}

/**
 * Reads what a plugin that exited with a non-zero status printed: its error object if stdout holds
 * one, otherwise whatever it wrote to stderr.
 */
export function pluginErrorFromOutput(plugin: string, command: string, stdout: string, stderr: string, exitCode: number | null): CniPluginError {
  const parsed = parseErrorObject(stdout);
  if (parsed) return new CniPluginError({ plugin, command, ...parsed, exitCode, stderr });
  const text = stderr.trim() || stdout.trim() || 'it printed no error';
  return new CniPluginError({ plugin, command, msg: text, exitCode, stderr });
}

function parseErrorObject(stdout: string): { code?: number; msg: string; details?: string } | undefined {
  const text = stdout.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    if (typeof o.msg !== 'string' && typeof o.code !== 'number') return undefined;
    return {
      ...(typeof o.code === 'number' ? { code: o.code } : {}),
      msg: typeof o.msg === 'string' ? o.msg : '',
      ...(typeof o.details === 'string' && o.details !== '' ? { details: o.details } : {}),
    };
  } catch {
    return undefined;
  }
}
