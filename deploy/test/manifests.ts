import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TOPICS, type TopicKey } from '@pipeline/contracts';

/**
 * What the manifest specs read: the rendered overlays, the repository's own
 * sources of truth (services, contracts, env classes, compose) and the two
 * tools in tools/k8s, run as the CLIs that people and CI run.
 */

export const REPO_ROOT = join(__dirname, '..', '..');

export interface ServiceDef {
  name: string;
  port: number;
  db: string;
}

// a plain script shared with `npm start`, loaded by path
export const { SERVICES } = require(join(REPO_ROOT, 'tools', 'services.cjs')) as { SERVICES: ServiceDef[] };

/** The directories rendered by kustomize; the overlays are what gets applied. */
export const OVERLAYS = ['deploy/k8s/base', 'deploy/k8s/overlays/staging', 'deploy/k8s/overlays/production'] as const;

/* A loose view of Kubernetes objects: the validator checks their shape, these specs their meaning. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string>;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
  };
}

export interface Container {
  name: string;
  image: string;
  env?: EnvVar[];
  ports?: { name?: string; containerPort: number }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number } } };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

export interface Probe {
  httpGet?: { path: string; port: string | number };
  timeoutSeconds?: number;
}

function runNode(script: string, args: string[]) {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, script), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** `kustomize build` through tools/k8s/kustomize.mjs (built and cached on first use). */
export function render(dir: string): string {
  const r = runNode('tools/k8s/kustomize.mjs', ['build', dir]);
  if (r.status !== 0) throw new Error(`kustomize build ${dir} failed:\n${r.stderr}`);
  return r.stdout;
}

export interface ValidationResult {
  documents: number;
  problems: { source: string; document: string; check: string; message: string }[];
}

/** tools/k8s/validate.mjs over files; its JSON answer. */
export function validate(files: string[]): ValidationResult & { status: number | null } {
  const r = runNode('tools/k8s/validate.mjs', ['--json', ...files]);
  try {
    return { ...(JSON.parse(r.stdout) as ValidationResult), status: r.status };
  } catch {
    throw new Error(`the validator answered no JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

export function parseDocs(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((d): d is K8sObject => d !== null);
}

export const ofKind = (docs: K8sObject[], kind: string) => docs.filter((d) => d.kind === kind);
export const named = (docs: K8sObject[], kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name);

export function containersOf(deployment: K8sObject | undefined): Container[] {
  return deployment?.spec?.template?.spec?.containers ?? [];
}

/** The one container of a service's Deployment (named after the service). */
export function mainContainer(docs: K8sObject[], service: string): Container | undefined {
  return containersOf(named(docs, 'Deployment', service)).find((c) => c.name === service);
}

/** The rendered value of a container variable: literal, or looked up in the rendered ConfigMap. */
export function envValue(docs: K8sObject[], container: Container | undefined, name: string): string | undefined {
  const v = container?.env?.find((e) => e.name === name);
  if (!v) return undefined;
  if (v.value !== undefined) return v.value;
  const ref = v.valueFrom?.configMapKeyRef;
  if (ref) return named(docs, 'ConfigMap', ref.name)?.data?.[ref.key];
  return undefined;
}

/** Does a label selector pick pods with these labels? */
export function selects(selector: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string> | undefined): boolean {
  const wanted = Object.entries(selector?.matchLabels ?? {});
  return wanted.length > 0 && wanted.every(([k, v]) => labels?.[k] === v);
}

/** Every .ts file under a directory, specs excluded. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });
}

/** The topics a service consumes: those named by its `@ConsumesEvent(TOPICS.…)` handlers. */
export function consumedTopics(service: string): string[] {
  const topics = new Set<string>();
  for (const file of sourceFiles(join(REPO_ROOT, 'apps', service, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/@ConsumesEvent\(\s*TOPICS\.(\w+)/g)) {
      const contract = TOPICS[m[1] as TopicKey];
      if (!contract) throw new Error(`${file}: @ConsumesEvent names TOPICS.${m[1]}, which libs/contracts does not define`);
      topics.add(contract.name);
    }
  }
  return [...topics].sort();
}

/**
 * The variables a service's env class reads: the fields of its `*.env.ts`
 * class and of the libs' env pieces it composes with IntersectionType.
 */
export function envVariables(service: string): Set<string> {
  const fields = (text: string) => [...text.matchAll(/^ {2}(?:override\s+)?([A-Z][A-Z0-9_]*)\??\s*[:=]/gm)].map((m) => m[1]);
  const pieces = new Map<string, string[]>();
  // the shared pieces: libs/infra/config's and any lib's *.env.ts (the calendar's CalendarEnv)
  const libEnvFiles = [join(REPO_ROOT, 'libs', 'infra', 'config', 'src', 'env.ts'), ...sourceFiles(join(REPO_ROOT, 'libs')).filter((f) => f.endsWith('.env.ts'))];
  for (const file of libEnvFiles) {
    for (const block of readFileSync(file, 'utf8').split(/^export /m)) {
      const m = /^class (\w+)/.exec(block);
      if (m) pieces.set(m[1], fields(block));
    }
  }
  const files = sourceFiles(join(REPO_ROOT, 'apps', service, 'src')).filter((f) => f.endsWith('.env.ts'));
  const names = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const f of fields(text)) names.add(f);
    for (const m of text.matchAll(/IntersectionType\(([^)]*)\)/g)) {
      for (const piece of m[1].split(',').map((s) => s.trim())) {
        const known = pieces.get(piece);
        if (!known) throw new Error(`${file}: IntersectionType(${piece}) is not an env class of libs/ (libs/infra/config/src/env.ts or a lib's *.env.ts)`);
        for (const f of known) names.add(f);
      }
    }
  }
  if (names.size === 0) throw new Error(`apps/${service}: no *.env.ts class found`);
  return names;
}

/** A number from a `const NAME = 25_000;` or `name ?? 10_000` in a source file, so the manifests follow the code. */
export function numberInSource(path: string, pattern: RegExp): number {
  const m = pattern.exec(readFileSync(join(REPO_ROOT, path), 'utf8'));
  if (!m) throw new Error(`${path}: ${pattern} not found; update deploy/test to where the value now lives`);
  return Number(m[1].replace(/_/g, ''));
}

/** Secret name and key pairs that deploy/k8s/create-secrets.sh creates. */
export function secretsCreatedByScript(): string[] {
  const text = readFileSync(join(REPO_ROOT, 'deploy', 'k8s', 'create-secrets.sh'), 'utf8').replace(/\\\n/g, ' ');
  const pairs: string[] = [];
  for (const line of text.split('\n')) {
    const m = /create secret generic ([a-z0-9-]+)(.*)$/.exec(line);
    if (!m) continue;
    for (const k of m[2].matchAll(/--from-literal=([A-Z0-9_]+)=/g)) pairs.push(`${m[1]}/${k[1]}`);
  }
  return pairs.sort();
}

/** The image's repository without registry or tag: `qingdao-pipeline/gateway`. */
export function imageRepository(image: string): string {
  const noDigest = image.split('@')[0];
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', lastSlash + 1);
  const repo = colon >= 0 ? noDigest.slice(0, colon) : noDigest;
  const parts = repo.split('/');
  // a first part with a dot or port is a registry host
  return /[.:]/.test(parts[0]) && parts.length > 2 ? parts.slice(1).join('/') : repo;
}

export const imageTag = (image: string) => {
  const noDigest = image.split('@')[0];
  const colon = noDigest.indexOf(':', noDigest.lastIndexOf('/') + 1);
  return colon >= 0 ? noDigest.slice(colon + 1) : 'latest';
};
