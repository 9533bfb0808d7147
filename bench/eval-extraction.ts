import { evaluateCommand } from '../src/evaluate/extraction.js';

// `npm run eval:extraction [-- options]`: ours against Readability.js on ../shared/data/extraction.
process.exitCode = await evaluateCommand(process.argv.slice(2));
