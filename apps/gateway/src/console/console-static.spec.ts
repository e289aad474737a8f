import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { consoleStatic } from './console-static';

describe('consoleStatic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>诉转案工作台</title>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  const app = express();
  app.use(consoleStatic(dir));
  app.use((_req, res) => res.status(404).json({ statusCode: 404 }));

  it('serves the app at the base URL and at any page path (SPA fallback), never cached', async () => {
    for (const path of ['/', '/cases/CASE-1', '/leadership/map?x=1']) {
      const res = await request(app).get(path);
      expect(res.status).toBe(200);
      expect(res.text).toContain('诉转案工作台');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache and leaves missing files a 404', async () => {
    const asset = await request(app).get('/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await request(app).get('/assets/missing.js')).status).toBe(404);
  });

  it('leaves the APIs, health, metrics, Open311 and non-GET requests to the gateway', async () => {
    for (const path of ['/api/v1/cases', '/api/docs', '/health', '/metrics', '/open311/v2/services.json']) expect((await request(app).get(path)).status).toBe(404);
    expect((await request(app).post('/cases')).status).toBe(404);
  });

  it('does nothing when the console is not built', async () => {
    const bare = express();
    bare.use(consoleStatic(join(dir, 'nothing-here')));
    bare.use((_req, res) => res.status(404).end());
    expect((await request(bare).get('/')).status).toBe(404);
  });
});
