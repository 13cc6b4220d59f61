import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commandAndArgs } from './command.js';

describe('commandAndArgs', () => {
  const image = { Entrypoint: ['/entry', '--flag'], Cmd: ['serve', '--port=80'] };
  const env = [{ name: 'PORT', value: '8080' }, { name: 'NAME', value: 'web' }, { name: 'PORT', value: '9090' }];
  const cases: Array<{ name: string; command?: string[]; args?: string[]; image?: typeof image | { Entrypoint?: null; Cmd?: null };
    want: { command?: string[]; args?: string[]; argv: string[] } }> = [
    { name: 'neither: image Entrypoint + Cmd', want: { argv: ['/entry', '--flag', 'serve', '--port=80'] } },
    { name: 'args only: image Entrypoint + args', args: ['run', '--port=$(PORT)'],
      want: { args: ['run', '--port=9090'], argv: ['/entry', '--flag', 'run', '--port=9090'] } },
    { name: 'command only: the image Cmd is dropped', command: ['/bin/sh', '-c', 'echo $(NAME)'],
      want: { command: ['/bin/sh', '-c', 'echo web'], argv: ['/bin/sh', '-c', 'echo web'] } },
    { name: 'command and args', command: ['/app'], args: ['$(NAME)', '$$(NAME)', '$(UNKNOWN)', '${NAME}'],
      want: { command: ['/app'], args: ['web', '$(NAME)', '$(UNKNOWN)', '${NAME}'], argv: ['/app', 'web', '$(NAME)', '$(UNKNOWN)', '${NAME}'] } },
    { name: 'empty lists count as unset', command: [], args: [], want: { argv: ['/entry', '--flag', 'serve', '--port=80'] } },
    { name: 'image without Entrypoint, args only', args: ['x'], image: { Cmd: ['y'] } as typeof image, want: { args: ['x'], argv: ['x'] } },
    { name: 'null Entrypoint and Cmd give nothing to run', image: { Entrypoint: null, Cmd: null }, want: { argv: [] } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(commandAndArgs({ command: c.command, args: c.args }, c.image ?? image, env), c.want);
    });
  }
});
