import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Paths that belong to the APIs and the gateway itself, never to the console. */
const NOT_CONSOLE = /^\/(api|open311|health|metrics)(\/|$)/;

/**
 * Serves the web console (apps/console, built to dist/apps/console) at the
 * base URL: its hashed assets cached for a year, and index.html (never cached)
 * for any other page path, so a deep link such as /cases/CASE-… opens the app.
 * APIs, health, metrics and Open311 pass through untouched. Without a built console
 * the gateway answers as before (a JSON 404), so services start without it.
 */
export function consoleStatic(dir: string) {
  const index = join(dir, 'index.html');
  const assets = express.static(dir, {
    index: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_CONSOLE.test(req.path) || !existsSync(index)) return next();
    assets(req, res, () => {
      // a missing file (a name with an extension) stays a 404; a page path gets the app
      if (/\.[a-z0-9]+$/i.test(req.path)) return next();
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(index);
    });
  };
}

/** Where the built console sits beside the gateway's bundle (dist/apps/gateway → dist/apps/console). */
export function defaultConsoleDir(): string {
  return join(__dirname, '..', 'console');
}
