import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every API path the console's source calls, read from its string and
 * template literals (`/api/v1/cases/${id}` → /api/v1/cases/{}), so the
 * browser tests can check each against the gateway's OpenAPI document.
 */
export function consoleApiPaths(srcDir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.spec.ts')) files.push(join(dir, e.name));
    }
  };
  walk(srcDir);
  const paths = new Set<string>();
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/[`'](\/(?:api\/v1|open311\/v2)\/[^`'?\s]*)[`']/g)) {
      // a template literal ending in `${…}/` has its tail elsewhere; `${x}` is a path parameter
      paths.add(m[1].replace(/\$\{[^}]*\}/g, '{}').replace(/\/$/, ''));
    }
  }
  return [...paths].sort();
}

/** Whether a console path (`{}` for each value it fills in) is one of the document's paths. */
export function documented(path: string, documentPaths: string[]): boolean {
  const pattern = new RegExp(`^${path.split('{}').map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
  return documentPaths.some((d) => pattern.test(d));
}
