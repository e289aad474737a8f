#!/usr/bin/env node
// node tools/classify/build.mjs: (re)builds the classification commands into dist/tools/classify.
import { build } from './bundle.mjs';

await build({ force: true });
