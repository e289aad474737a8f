#!/usr/bin/env node
// node tools/classify/classify.mjs [options]: see apps/classification/src/cli/classify.cli.ts
import { runCommand } from './bundle.mjs';

await runCommand('classify');
