import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Works from src/ (tsx) and from dist/ (compiled): walk up to the directory holding package.json.
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('newsgraph: cannot find the package root (package.json)');
    dir = up;
  }
}

export const ROOT = findRoot();
/** Committed model weights and gazetteers. */
export const MODELS_DIR = join(ROOT, 'models');
/** The read-only gold data beside a developer's clone; absent on a user's machine. */
export const SHARED_DATA_DIR = process.env.NEWSGRAPH_SHARED_DATA ?? join(ROOT, '..', 'shared', 'data');

export function modelPath(...parts: string[]): string {
  return join(MODELS_DIR, ...parts);
}

/** Path of a gold-data file, or an error that says clearly the data is absent. */
export function sharedDataPath(...parts: string[]): string {
  const p = join(SHARED_DATA_DIR, ...parts);
  if (!existsSync(p)) {
    throw new Error(
      `gold data not found: ${p}\n` +
        'Evaluation, training and benchmark commands read ../shared/data (or NEWSGRAPH_SHARED_DATA); it is not part of a user clone.',
    );
  }
  return p;
}
