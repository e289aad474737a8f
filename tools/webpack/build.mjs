#!/usr/bin/env node
// Builds one service: node tools/webpack/build.mjs <app> [--watch]
import webpack from 'webpack';
import serviceConfig from './service.cjs';

const [name] = process.argv.slice(2);
const watch = process.argv.includes('--watch');
if (!name) {
  console.error('用法：node tools/webpack/build.mjs <应用名> [--watch]');
  process.exit(2);
}

const compiler = webpack(serviceConfig(name));
const report = (err, stats) => {
  if (err) {
    console.error(err);
    return false;
  }
  const out = stats.toString({ colors: false, preset: 'errors-warnings' });
  if (out.trim()) console.log(out);
  if (!stats.hasErrors()) console.log(`[build] ${name} → dist/apps/${name}/main.js（${stats.endTime - stats.startTime} ms）`);
  return !stats.hasErrors();
};

if (watch) {
  compiler.watch({}, report);
} else {
  compiler.run((err, stats) => {
    const ok = report(err, stats);
    compiler.close(() => process.exit(ok ? 0 : 1));
  });
}
