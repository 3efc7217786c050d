import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The repository root, from bench/lib (sources, under tsx) or bench/out/js/lib (compiled). */
export const ROOT = (() => {
  for (let dir = HERE; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'bench', 'kafka-tools.sh'))) return dir;
  }
  throw new Error(`cannot find the repository root above ${HERE}`);
})();

/** Whether the benchmarks run from their TypeScript sources (tsx) rather than compiled. */
export const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * `node` arguments that run a bench script (`scenarios/memory-drain`) the way this process
 * runs: its TypeScript source under tsx, or its compiled sibling (which may be a snapshot
 * in bench/out/ab/<name>/js, see bench/tools/ab.sh).
 */
export function nodeArgs(script: string): string[] {
  return FROM_SOURCE ? ['--import', 'tsx', path.join(ROOT, 'bench', `${script}.ts`)] : [path.join(HERE, '..', `${script}.js`)];
}
