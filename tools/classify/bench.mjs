#!/usr/bin/env node
// node tools/classify/bench.mjs [options]: see apps/classification/src/cli/bench.cli.ts
import { runCommand } from './bundle.mjs';

await runCommand('bench');
