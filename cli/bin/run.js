#!/usr/bin/env node
// The ksdk command line. Commands are compiled to ../dist/commands (`npm run build`).
import { existsSync } from 'node:fs';
import { execute } from '@oclif/core';

if (!existsSync(new URL('../dist/commands', import.meta.url))) {
  process.stderr.write('ksdk: the CLI is not built yet; run `npm run build` at the repository root first.\n');
  process.exit(4);
}

await execute({ dir: import.meta.url });
