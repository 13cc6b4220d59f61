/**
 * The few file-system calls Node.js lacks: mknod (overlayfs whiteouts are character devices 0/0, and
 * layers may carry device nodes and FIFOs) and setxattr (the overlay opaque-directory mark, and
 * xattrs such as file capabilities). They run as one batch per layer through perl's `syscall`,
 * which every Debian system has (perl-base is essential).
 */
import { spawn } from 'node:child_process';

export type SpecialOp =
  | { kind: 'node'; path: string; mode: number; major: number; minor: number }
  | { kind: 'xattr'; path: string; name: string; value: Buffer };

const S_IFCHR = 0o020000;
const S_IFBLK = 0o060000;
const S_IFIFO = 0o010000;

/** The overlayfs whiteout for a path: a character device with device number 0/0. */
export function whiteout(path: string): SpecialOp {
  return { kind: 'node', path, mode: S_IFCHR, major: 0, minor: 0 };
}

/** Marks a directory opaque for overlayfs: the layers below it do not show through. */
export function opaque(path: string): SpecialOp {
  return { kind: 'xattr', path, name: 'trusted.overlay.opaque', value: Buffer.from('y') };
}

export function deviceNode(path: string, type: 'char' | 'block' | 'fifo', perm: number, major: number, minor: number): SpecialOp {
  const kindBits = type === 'char' ? S_IFCHR : type === 'block' ? S_IFBLK : S_IFIFO;
  return { kind: 'node', path, mode: kindBits | (perm & 0o7777), major, minor };
}

// System call numbers: mknodat and lsetxattr.
const SYSCALLS: Record<string, [number, number]> = { x64: [259, 189], arm64: [33, 6] };

const SCRIPT = `
use strict;
my ($mknodat, $lsetxattr) = @ARGV;
local $/ = undef;
my $in = <STDIN>;
my @f = split /\\0/, $in, -1;
while (@f >= 4) {
  my ($k, $p, $a, $b) = splice(@f, 0, 4);
  if ($k eq 'n') {
    my $r = syscall($mknodat + 0, -100, $p, $a + 0, $b + 0);
    die "mknod $p: $!\\n" if $r != 0;
  } elsif ($k eq 'x') {
    my $v = pack('H*', $b);
    my $r = syscall($lsetxattr + 0, $p, $a, $v, length($v), 0);
    die "setxattr $p $a: $!\\n" if $r != 0;
  }
}
`;

function encodeDev(major: number, minor: number): number {
  return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xff) << 12);
}

/** Carries out the operations (absolute paths); rejects with the first failure. */
export async function applySpecialOps(ops: SpecialOp[]): Promise<void> {
  if (ops.length === 0) return;
  const nums = SYSCALLS[process.arch];
  if (nums === undefined) throw new Error(`Cannot create special files: unsupported architecture ${process.arch}`);
  const fields: string[] = [];
  for (const op of ops) {
    if (op.path.includes('\0')) throw new Error('Cannot create special files: a path contains NUL');
    if (op.kind === 'node') fields.push('n', op.path, String(op.mode), String(encodeDev(op.major, op.minor)));
    else fields.push('x', op.path, op.name, op.value.toString('hex'));
  }
  const input = `${fields.join('\0')}\0`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn('perl', ['-e', SCRIPT, String(nums[0]), String(nums[1])], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', (err) => reject(new Error(`Cannot create special files: perl: ${err.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`Cannot create special files: ${stderr.trim() || `perl exited with ${code}`}`));
    });
    child.stdin.end(input);
  });
}
