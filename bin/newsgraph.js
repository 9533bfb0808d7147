#!/usr/bin/env node
// Thin launcher: the compiled CLI (npm install builds it through `prepare`).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`newsgraph: ${e?.stack ?? e}\n`);
    process.exitCode = 1;
  },
);
