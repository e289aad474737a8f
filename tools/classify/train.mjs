#!/usr/bin/env node
// node tools/classify/train.mjs [options]: see apps/classification/src/cli/train.cli.ts
import { runCommand } from './bundle.mjs';

await runCommand('train');
