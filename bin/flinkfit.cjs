#!/usr/bin/env node
'use strict';
// flinkfit's command line: a CommonJS start (no ES module loader to set up) through a loader that
// keeps V8's compiled code between runs (src/cli/boot.ts).
const { join } = require('node:path');
require('../dist/cli/boot.cjs').boot(join(__dirname, '..', 'dist', 'cli'), require);
