#!/usr/bin/env node
// kustomize, built from the Go module proxy on first use and cached by
// version beside the other infrastructure builds (tools/infra/profile.mjs),
// so a fresh machine needs only Go, which the project already needs.
//
//   node tools/k8s/kustomize.mjs build deploy/k8s/overlays/production
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheDir, REPO_ROOT } from '../infra/profile.mjs';
import { requireTool, run } from '../infra/process.mjs';

export const KUSTOMIZE_VERSION = 'v5.7.1';
const MODULE = 'sigs.k8s.io/kustomize/kustomize/v5';

export function kustomizeBinary() {
  return join(cacheDir(), `kustomize-${KUSTOMIZE_VERSION}`, 'kustomize');
}

/** The cached binary, built once per version (about a minute on two cores). */
export function ensureKustomize(log = (msg) => process.stderr.write(`${msg}\n`)) {
  const bin = kustomizeBinary();
  if (existsSync(bin)) return bin;
  requireTool('go', ['version'], 'kustomize is built with Go from the Go module proxy; install Go 1.22 or newer');
  log(`[k8s] building kustomize ${KUSTOMIZE_VERSION} (first use only, then cached in ${cacheDir()})…`);
  // build into a private folder and rename: a concurrent or cut-off build never leaves a half binary
  const partial = join(cacheDir(), `kustomize-${KUSTOMIZE_VERSION}.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  run('go', ['install', `${MODULE}@${KUSTOMIZE_VERSION}`], {
    env: { ...process.env, GOBIN: partial, CGO_ENABLED: '0', GOFLAGS: '-trimpath' },
    cwd: cacheDir(),
  });
  const target = join(cacheDir(), `kustomize-${KUSTOMIZE_VERSION}`);
  if (!existsSync(bin)) {
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  } else {
    rmSync(partial, { recursive: true, force: true });
  }
  return bin;
}

/** `kustomize build` of a directory (relative to the repository root): the rendered YAML. */
export function build(dir) {
  return run(ensureKustomize(), ['build', resolve(REPO_ROOT, dir)], { cwd: REPO_ROOT });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [command, dir] = process.argv.slice(2);
  if (command === 'build' && dir) {
    process.stdout.write(build(dir));
  } else if (command === 'path') {
    process.stdout.write(`${ensureKustomize()}\n`);
  } else {
    process.stderr.write('usage: node tools/k8s/kustomize.mjs build <dir> | path\n');
    process.exit(2);
  }
}
