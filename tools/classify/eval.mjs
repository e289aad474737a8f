#!/usr/bin/env node
// node tools/classify/eval.mjs [options]: see apps/classification/src/cli/eval.cli.ts
import { runCommand } from './bundle.mjs';

await runCommand('eval');
