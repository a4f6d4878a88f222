#!/usr/bin/env node
// The `pipeline` command: TypeScript sources run through tsx, so there is no build step to forget.
require('tsx/cjs');
require('../src/cli/main.ts');
