#!/usr/bin/env node
// Offline schema validation of Kubernetes manifests (no cluster, no network).
//
//   node tools/k8s/validate.mjs [--json] file.yaml… (or - for standard input)
//
// The schemas come from npm packages pinned in package.json, so `npm ci`
// brings them to any machine:
//   - kubernetes-models: every built-in kind, generated from the Kubernetes
//     OpenAPI document;
//   - @kubernetes-models/strimzi-kafka-operator, @kubernetes-models/keda and
//     @kubernetes-models/prometheus-operator: the Strimzi, KEDA and
//     prometheus-operator kinds, generated from their CRDs.
// Each document is checked twice against the same package:
//   1. schema: the package's validator (types, required fields, enums,
//      patterns), what the API server's OpenAPI validation would say;
//   2. fields: the document as a TypeScript object literal of the package's
//      type, so an unknown field anywhere is an excess-property error, what
//      the API server's strict field validation (kubectl's default) would say.
//      The validators alone accept unknown fields.
// A kind with no package is itself an error: nothing passes unchecked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../infra/profile.mjs';

/** apiVersion → the module that models it. Built-in groups follow one rule; custom ones are listed. */
const CUSTOM_GROUPS = {
  'kafka.strimzi.io/v1beta2': '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2',
  'keda.sh/v1alpha1': '@kubernetes-models/keda/keda.sh/v1alpha1',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
};

function moduleFor(apiVersion) {
  if (CUSTOM_GROUPS[apiVersion]) return CUSTOM_GROUPS[apiVersion];
  const builtIn = /^(v1|(apps|batch|policy|autoscaling|[a-z0-9.-]+\.k8s\.io)\/v[0-9a-z]+)$/.test(apiVersion);
  return builtIn ? `kubernetes-models/${apiVersion}` : undefined;
}

const describe = (doc, index) => `${doc?.kind ?? '?'}/${doc?.metadata?.name ?? `#${index}`}`;

/** Parses YAML text into documents; syntax errors are problems, empty documents are dropped. */
export function parseManifests(text, source = 'input') {
  const problems = [];
  const docs = [];
  for (const d of parseAllDocuments(text)) {
    for (const e of d.errors) problems.push({ source, document: '(yaml)', check: 'yaml', message: e.message });
    const value = d.toJS();
    if (value !== null && value !== undefined) docs.push(value);
  }
  return { docs, problems };
}

/** Check 1: the package's own validator, or "no schema" for a kind nobody models. */
async function checkSchemas(items) {
  const problems = [];
  for (const item of items) {
    const { doc } = item;
    if (typeof doc !== 'object' || Array.isArray(doc) || typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string') {
      problems.push({ ...item.where, check: 'schema', message: 'not a Kubernetes object: apiVersion and kind are required' });
      continue;
    }
    if (typeof doc.metadata?.name !== 'string' || !doc.metadata.name) {
      problems.push({ ...item.where, check: 'schema', message: 'metadata.name is required' });
    }
    const mod = moduleFor(doc.apiVersion);
    const Model = mod ? (await import(mod).catch(() => ({})))[doc.kind] : undefined;
    if (typeof Model !== 'function') {
      problems.push({ ...item.where, check: 'schema', message: `no schema for ${doc.apiVersion} ${doc.kind}: add its @kubernetes-models package or do not use it` });
      continue;
    }
    item.module = mod;
    try {
      new Model(doc).validate();
    } catch (err) {
      problems.push({ ...item.where, check: 'schema', message: String(err?.message ?? err) });
    }
  }
  return problems;
}

/**
 * Check 2: every document becomes `export const d<i>: I<Kind> = <json>;` in
 * one in-memory ES module type-checked by the TypeScript compiler. One line
 * per document maps each diagnostic back to its document.
 */
function checkFields(items) {
  const typed = items.filter((i) => i.module);
  if (typed.length === 0) return [];
  const imports = new Map();
  const lines = [];
  for (const [n, item] of typed.entries()) {
    const key = `${item.module}#${item.doc.kind}`;
    if (!imports.has(key)) imports.set(key, { alias: `T${imports.size}`, module: item.module, kind: item.doc.kind });
    item.line = n;
    lines.push(`export const d${n}: ${imports.get(key).alias} = ${JSON.stringify(item.doc)};`);
  }
  const header = [...imports.values()].map((i) => `import type { I${i.kind} as ${i.alias} } from ${JSON.stringify(i.module)};`);
  const text = [...header, ...lines].join('\n');
  // in the repository (never written), so the packages resolve from its node_modules
  const file = join(REPO_ROOT, 'tmp', 'k8s-manifests.generated.mts');
  const options = {
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) =>
    name === file ? ts.createSourceFile(name, text, version, true) : getSourceFile(name, version, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? text : readFile(name));
  const program = ts.createProgram([file], options, host);
  const problems = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file?.fileName !== file || d.start === undefined) {
      problems.push({ source: '(type definitions)', document: '(all)', check: 'fields', message });
      continue;
    }
    const line = d.file.getLineAndCharacterOfPosition(d.start).line - header.length;
    const item = typed.find((i) => i.line === line);
    problems.push({ ...(item?.where ?? { source: '?', document: '?' }), check: 'fields', message: message.split('\n')[0] });
  }
  return problems;
}

/**
 * Validates manifests; each input is { source, text }. Returns how many
 * documents were read and every problem found ({ source, document, check, message }).
 */
export async function validateManifests(inputs) {
  const items = [];
  const problems = [];
  for (const { source, text } of inputs) {
    const parsed = parseManifests(text, source);
    problems.push(...parsed.problems);
    parsed.docs.forEach((doc, index) => items.push({ doc, where: { source, document: describe(doc, index) } }));
  }
  problems.push(...(await checkSchemas(items)));
  problems.push(...checkFields(items));
  return { documents: items.length, problems };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  if (files.length === 0) {
    process.stderr.write('usage: node tools/k8s/validate.mjs [--json] file.yaml… (- for standard input)\n');
    process.exit(2);
  }
  const inputs = files.map((f) => ({ source: f === '-' ? 'stdin' : f, text: readFileSync(f === '-' ? 0 : f, 'utf8') }));
  const result = await validateManifests(inputs);
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    for (const p of result.problems) process.stdout.write(`${p.source}: ${p.document}: [${p.check}] ${p.message}\n`);
    process.stdout.write(`${result.documents} documents, ${result.problems.length} problems\n`);
  }
  process.exit(result.problems.length === 0 ? 0 : 1);
}
