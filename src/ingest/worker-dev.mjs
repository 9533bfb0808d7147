// Development only: run the TypeScript worker under tsx (tests and `tsx src/cli/main.ts`). Built code uses worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
