/**
 * `navarch images`: the node's images, worked on in the data directory directly (a running agent
 * sees the change at its next image lookup).
 *   import FILE…   load OCI image layouts (tar or directory) and `docker save` archives
 *   ls             list them as `crictl images` does: IMAGE, TAG, IMAGE ID, SIZE
 *   rm IMAGE…      remove images (every name of each), refusing one a container of the node uses
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../cmd/index.js';
import { ImageStore, emptyRegistriesConfig, type ImageRecord } from '../agent/images/index.js';
import { checkKnown, parseArgs } from './flags.js';

export const IMAGES_USAGE = `Usage:
  navarch images import FILE|DIR… [--data-dir DIR]   load OCI image layouts (tar or directory) and docker save archives
  navarch images ls [--data-dir DIR]                 list the node's images
  navarch images rm IMAGE… [--data-dir DIR]          remove images no container of the node uses
`;

export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
}

const stdio: CommandIO = {
  out: (t) => { process.stdout.write(t); },
  err: (t) => { process.stderr.write(t); },
};

export async function runImages(argv: string[], io: CommandIO = stdio): Promise<number> {
  const [sub, ...rest] = argv;
  const args = parseArgs(rest);
  const dataDir = args.flags.get('data-dir') ?? defaultDataDir();
  const root = join(dataDir, 'agent', 'images');
  const open = async (): Promise<ImageStore> => {
    const store = new ImageStore({ root, registries: emptyRegistriesConfig() });
    await store.init();
    return store;
  };
  switch (sub) {
    case 'import': {
      checkKnown(args, ['data-dir'], 'navarch images import');
      if (args.positional.length === 0) return usage(io, 'navarch images import needs a FILE');
      const store = await open();
      for (const file of args.positional) {
        for (const img of await store.importArchive(file)) {
          if (img.repoTags.length === 0) io.out(`Loaded image ID: ${img.id}\n`);
          for (const tag of img.repoTags) io.out(`Loaded image: ${tag}\n`);
        }
      }
      return 0;
    }
    case 'ls':
    case 'list': {
      checkKnown(args, ['data-dir'], 'navarch images ls');
      const images = existsSync(join(root, 'images.json')) ? (await open()).list() : [];
      io.out(imagesTable(images));
      return 0;
    }
    case 'rm':
    case 'rmi': {
      checkKnown(args, ['data-dir'], 'navarch images rm');
      if (args.positional.length === 0) return usage(io, 'navarch images rm needs an IMAGE');
      const store = await open();
      const users = containerImages(dataDir);
      let failed = false;
      for (const name of args.positional) {
        const img = lookup(store, name);
        if (img === undefined) {
          io.err(`no such image ${name}\n`);
          failed = true;
          continue;
        }
        const user = users.find((c) => c.imageId === img.id);
        if (user !== undefined) {
          io.err(`Cannot remove image ${JSON.stringify(name)}: container ${user.id.slice(0, 13)} (${user.describe}) uses it; delete its pod first\n`);
          failed = true;
          continue;
        }
        await store.remove(img.id);
        const names = img.repoTags.length > 0 ? img.repoTags : img.repoDigests.length > 0 ? img.repoDigests : [img.id];
        for (const n of names) io.out(`Deleted: ${n}\n`);
      }
      await store.prune();
      if (failed) {
        io.err('unable to remove the image(s)\n');
        return 1;
      }
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(IMAGES_USAGE);
      return 0;
    default:
      return usage(io, sub.startsWith('-') ? 'navarch images needs a command: import, ls or rm' : `unknown images command ${JSON.stringify(sub)}`);
  }
}

/** An image by any of its names, its id, or (as `crictl images` shows it) a unique prefix of its id. */
function lookup(store: ImageStore, name: string): ImageRecord | undefined {
  const found = store.find(name);
  if (found !== undefined || !/^(sha256:)?[a-f0-9]{4,63}$/.test(name)) return found;
  const prefix = name.startsWith('sha256:') ? name : `sha256:${name}`;
  const matches = store.list().filter((i) => i.id.startsWith(prefix));
  return matches.length === 1 ? matches[0] : undefined;
}

function usage(io: CommandIO, problem: string): number {
  io.err(`navarch: ${problem}\n\n${IMAGES_USAGE}`);
  return 2;
}

/** The node's containers (any state) and the image each was made from, from the runtime's records. */
function containerImages(dataDir: string): Array<{ id: string; imageId: string; describe: string }> {
  const dir = join(dataDir, 'agent', 'runtime', 'containers');
  let ids: string[];
  try {
    ids = readdirSync(dir);
  } catch {
    return [];
  }
  const out: Array<{ id: string; imageId: string; describe: string }> = [];
  for (const id of ids) {
    try {
      const rec = JSON.parse(readFileSync(join(dir, id, 'container.json'), 'utf8')) as {
        image?: { id?: string; ref?: string }; name?: string; labels?: Record<string, string>;
      };
      const l = rec.labels ?? {};
      const pod = l['io.kubernetes.pod.name'] ? `pod ${l['io.kubernetes.pod.namespace'] ?? ''}/${l['io.kubernetes.pod.name']}, ` : '';
      if (typeof rec.image?.id === 'string') out.push({ id, imageId: rec.image.id, describe: `${pod}container ${l['io.kubernetes.container.name'] ?? rec.name ?? ''}` });
    } catch { /* not a container folder, or being created */ }
  }
  return out;
}

/** `crictl images`' table: one row per tag (an untagged image shows its repository, or <none>). */
export function imagesTable(images: ImageRecord[]): string {
  const sorted = images.slice().sort(byRef);
  const rows: string[][] = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
  for (const img of sorted) {
    const repo = img.repoDigests.length > 0 ? img.repoDigests[0]!.split('@')[0]! : '<none>';
    const pairs = img.repoTags.length === 0 ? [[repo, '<none>']]
      : img.repoTags.map((t) => [t.slice(0, t.lastIndexOf(':')), t.slice(t.lastIndexOf(':') + 1)]);
    const id = img.id.replace(/^sha256:/, '').slice(0, 13);
    for (const [name, tag] of pairs) rows.push([name!, tag!, id, humanSize(img.size)]);
  }
  return tabulate(rows);
}

function byRef(a: ImageRecord, b: ImageRecord): number {
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  if (a.repoTags.length > 0 && b.repoTags.length > 0) return cmp(a.repoTags[0]!, b.repoTags[0]!);
  if (a.repoDigests.length > 0 && b.repoDigests.length > 0) return cmp(a.repoDigests[0]!, b.repoDigests[0]!);
  return cmp(a.id, b.id);
}

/** Columns as Go's tabwriter lays out crictl's tables (minimum width 20, padding 3); the last is not padded. */
export function tabulate(rows: string[][]): string {
  const cols = Math.max(...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < cols - 1; c++) widths[c] = Math.max(20, ...rows.map((r) => (r[c]?.length ?? 0) + 3));
  return rows.map((r) => r.map((cell, c) => (c < r.length - 1 ? cell.padEnd(widths[c]!) : cell)).join('')).join('\n') + '\n';
}

/** A size in decimal units with three significant digits, as Docker's units.HumanSizeWithPrecision(n, 3): 2.16MB, 772kB, 512B. */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000;
    i++;
  }
  return `${formatG(size, 3)}${units[i]}`;
}

/** Go's %.*g: `prec` significant digits, trailing zeros dropped, exponent form for large or small exponents. */
function formatG(x: number, prec: number): string {
  if (x === 0) return '0';
  const [mant, e] = x.toExponential(prec - 1).split('e') as [string, string];
  const exp = Number(e);
  const digits = mant.replace('-', '').replace('.', '').replace(/0+$/, '') || '0';
  const sign = x < 0 ? '-' : '';
  const dp = exp + 1;
  let eprec = prec;
  if (eprec > digits.length && digits.length >= dp) eprec = digits.length;
  if (exp < -4 || exp >= eprec) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= digits.length) return `${sign}${digits}${'0'.repeat(dp - digits.length)}`;
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}
