#!/usr/bin/env node
// Node ≥ 22.1 can keep compiled code between runs: flinkfit starts in every pre-commit run and CI
// step, so use the cache where there is one (it lives in the OS temp directory; failures are silent).
// process.getBuiltinModule (Node ≥ 20.16) avoids the cost of an ES import of a built-in.
try {
  process.getBuiltinModule?.('node:module')?.enableCompileCache?.();
} catch {
  // no cache: start as usual
}
await import('../dist/bin/main.js');
