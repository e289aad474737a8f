import express from 'express';
import request from 'supertest';
import { httpMetrics } from './http-metrics';
import { ServiceMetrics } from './service-metrics';

describe('httpMetrics', () => {
  const setup = (unmatchedRoute?: (req: express.Request) => string | undefined) => {
    const metrics = new ServiceMetrics('probe');
    const app = express();
    app.use(httpMetrics(metrics, { unmatchedRoute }));
    app.get('/api/v1/cases/:id', (req, res) => {
      res.status(req.params.id === 'missing' ? 404 : 200).json({});
    });
    app.get('/health/ready', (_req, res) => {
      res.json({});
    });
    app.get('/metrics', (_req, res) => {
      res.send('');
    });
    return { metrics, app };
  };

  it('counts and times requests by method, route template and status class', async () => {
    const { metrics, app } = setup();
    await request(app).get('/api/v1/cases/CASE-1?q=13812341234');
    await request(app).get('/api/v1/cases/CASE-2');
    await request(app).get('/api/v1/cases/missing');
    await request(app).get('/no/such/path/42');
    const text = await metrics.exposition();
    expect(text).toContain('qd_http_requests_total{method="GET",route="/api/v1/cases/:id",status_class="2xx",service="probe"} 2\n');
    expect(text).toContain('qd_http_requests_total{method="GET",route="/api/v1/cases/:id",status_class="4xx",service="probe"} 1\n');
    expect(text).toContain('qd_http_requests_total{method="GET",route="unmatched",status_class="4xx",service="probe"} 1\n');
    expect(text).toContain('qd_http_request_duration_seconds_count{service="probe",method="GET",route="/api/v1/cases/:id",status_class="2xx"} 2\n');
    // no id, no query string, no path of an unmatched request in any label
    expect(text).not.toMatch(/CASE-1|CASE-2|13812341234|no\/such/);
  });

  it('leaves probes and scrapes out', async () => {
    const { metrics, app } = setup();
    await request(app).get('/health/ready');
    await request(app).get('/metrics');
    expect(await metrics.exposition()).not.toContain('qd_http_requests_total{');
  });

  it('labels requests no route answered as the app says', async () => {
    const { metrics, app } = setup((req) => (req.originalUrl.startsWith('/api/v1/complaints') ? 'proxy:complaint-intake' : undefined));
    await request(app).post('/api/v1/complaints/0193-abc/close');
    expect(await metrics.exposition()).toContain('qd_http_requests_total{method="POST",route="proxy:complaint-intake",status_class="4xx",service="probe"} 1\n');
  });
});
