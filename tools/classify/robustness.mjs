#!/usr/bin/env node
// node tools/classify/robustness.mjs [options]: see apps/classification/src/cli/robustness.cli.ts
import { runCommand } from './bundle.mjs';

await runCommand('robustness');
