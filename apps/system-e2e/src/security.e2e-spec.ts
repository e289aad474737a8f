import { ROLES, RunningSystem, eventually, testInfra, testNamespace, testToken, type Principal, type Role } from '@pipeline/testing';

type Operation = { method: string; path: string; roles: Role[] | null; isPublic: boolean };

/** A value for each path parameter that passes any pattern check, so the answer is about who calls, not what. */
const PARAMS: Record<string, string> = {
  period: '2025Q1', communityId: 'CM001', party: 'street', id: 'X-1', complaintId: 'X-1', version: '1', username: 'nobody', code: 'gas', token: 'x',
};

/**
 * Security through the gateway, with every service a real process: the
 * default-deny guard on every endpoint of the merged OpenAPI document (so a
 * new endpoint cannot escape), sign-in, scopes, the audit log and hostile
 * input.
 */
describe('security of the whole API', () => {
  const ns = testNamespace('security');
  let system: RunningSystem;
  let operations: Operation[];

  const call = (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${system.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const as = (principal: Partial<Principal>) => testToken(principal);
  const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;

  beforeAll(async () => {
    system = await RunningSystem.start(ns, testInfra());
    const doc = await json<{ paths: Record<string, Record<string, { 'x-roles'?: Role[]; 'x-public'?: boolean }>> }>(await call('GET', '/api/docs/openapi.json'));
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({
          method: method.toUpperCase(),
          path: path.replace(/\{(\w+)\}/g, (_m, name: string) => PARAMS[name] ?? 'x'),
          roles: op['x-roles'] ?? null,
          isPublic: op['x-public'] === true,
        })),
    );
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('declares who may call every endpoint; only sign-in and Open311 are public', () => {
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.filter((o) => !o.roles && !o.isPublic)).toEqual([]);
    expect(operations.filter((o) => o.isPublic).map((o) => o.path).filter((p) => !p.startsWith('/open311/'))).toEqual(['/api/v1/auth/login']);
    for (const path of ['/api/v1/auth/me', '/api/v1/auth/users', '/api/v1/audit/gateway', '/api/v1/audit/complaint-intake', '/api/v1/audit/property-evaluation']) {
      expect(operations.map((o) => o.path)).toContain(path);
    }
  });

  it('refuses every declared endpoint without a token (401)', async () => {
    const answers = await Promise.all(operations.filter((o) => o.roles).map(async (o) => [`${o.method} ${o.path}`, (await call(o.method, o.path, undefined, o.method === 'GET' ? undefined : {})).status] as const));
    expect(answers.filter(([, status]) => status !== 401)).toEqual([]);
  });

  it('refuses every endpoint to each role it does not name (403)', async () => {
    const checks = operations.filter((o) => o.roles).flatMap((o) => ROLES.filter((r) => !o.roles!.includes(r)).map((role) => ({ o, role })));
    expect(checks.length).toBeGreaterThan(100);
    const answers: string[] = [];
    // a few at a time: every answer comes from the guard, but each is a request through the gateway
    for (let i = 0; i < checks.length; i += 20) {
      const batch = await Promise.all(
        checks.slice(i, i + 20).map(async ({ o, role }) => {
          const res = await call(o.method, o.path, as({ sub: `probe-${role}`, roles: [role], communities: ['CM001'], squadId: 'SQ-SN-01' }), o.method === 'GET' ? undefined : {});
          return res.status === 403 ? null : `${o.method} ${o.path} as ${role}: ${res.status}`;
        }),
      );
      answers.push(...batch.filter((a): a is string => a !== null));
    }
    expect(answers).toEqual([]);
  });

  it('signs in each seeded development user, and refuses a wrong password with the same answer as an unknown user', async () => {
    for (const role of ROLES) {
      const res = await call('POST', '/api/v1/auth/login', undefined, { username: role, password: `${role}-dev-2026` });
      expect(res.status).toBe(200);
      const { accessToken, user } = await json<{ accessToken: string; user: Principal }>(res);
      expect(user.roles).toEqual([role]);
      expect(await json(await call('GET', '/api/v1/auth/me', accessToken))).toMatchObject({ sub: role, roles: [role] });
    }
    const wrong = await json(await call('POST', '/api/v1/auth/login', undefined, { username: 'operator', password: 'guess' }));
    const unknown = await json(await call('POST', '/api/v1/auth/login', undefined, { username: 'nobody', password: 'guess' }));
    expect(wrong).toMatchObject({ statusCode: 401, code: 'LOGIN_FAILED' });
    expect(unknown).toMatchObject({ statusCode: 401, code: 'LOGIN_FAILED', message: (wrong as { message: string }).message });
  });

  it('refuses tokens signed with another key or expired, through the gateway', async () => {
    const other = testToken({}, { secretBase64: Buffer.alloc(32, 5).toString('base64') });
    const expired = testToken({}, { expiresInSeconds: -1 });
    for (const token of [other, expired]) expect((await call('GET', '/api/v1/complaints', token)).status).toBe(401);
  });

  describe('scopes', () => {
    const authority = as({ sub: 'authority-1', roles: ['authority'] });
    const committee = as({ sub: 'committee-1', roles: ['committee'], communities: ['CM001', 'CM002'] });

    beforeAll(async () => {
      expect((await call('POST', '/api/v1/evaluations/periods', authority, { period: '2025Q1', openedBy: '测试' })).status).toBe(201);
    });

    it('shows a committee member their own communities and refuses the others', async () => {
      expect((await call('GET', '/api/v1/evaluations/periods/2025Q1/communities/CM001', committee)).status).toBe(200);
      const other = await call('GET', '/api/v1/evaluations/periods/2025Q1/communities/CM050', committee);
      expect(await json(other)).toMatchObject({ statusCode: 403, code: 'COMMUNITY_FORBIDDEN' });
      expect((await call('GET', '/api/v1/evaluations/communities/CM050', committee)).status).toBe(403);
      const ranking = await json<{ total: number; rows: { communityId: string }[] }>(await call('GET', '/api/v1/evaluations/periods/2025Q1/ranking', committee));
      expect(ranking.total).toBe(100);
      expect(ranking.rows.map((r) => r.communityId)).toEqual(['CM001', 'CM002']);
      const listed = await json<{ _id: string }[]>(await call('GET', '/api/v1/evaluations/communities', committee));
      expect(listed.map((c) => c._id)).toEqual(['CM001', 'CM002']);
      // and submits only the committee's own scores
      const asStreet = await call('PUT', '/api/v1/evaluations/periods/2025Q1/communities/CM001/submissions/street', committee, { indicators: [{ code: 'ST-01', score: 1 }], submittedBy: '赵敏' });
      expect(await json(asStreet)).toMatchObject({ statusCode: 403, code: 'PARTY_FORBIDDEN' });
    });

    it('lets an officer change only the cases of their squad', async () => {
      const operator = as({ sub: 'op-1', roles: ['operator'] });
      const filed = await json<{ id: string }>(await call('POST', '/api/v1/complaints', operator, { channel: 'hotline', text: '中山路步行街有流动摊贩占道经营，推车摆满人行道', location: { lat: 36.069, lng: 120.3205 } }));
      const dispatcher = as({ sub: 'disp-1', roles: ['dispatcher'] });
      const c = await eventually(async () => {
        const items = (await json<{ items: { _id: string; complaintIds: string[]; squadId: string | null }[] }>(await call('GET', '/api/v1/cases?hotspotAreaId=HS01', dispatcher))).items;
        const found = items.find((x) => x.complaintIds.includes(filed.id) && x.squadId);
        expect(found).toBeDefined();
        return found!;
      });
      const step = { action: 'file', actor: 'officer', reason: '现场核实' };
      const stranger = await call('POST', `/api/v1/cases/${c._id}/transitions`, as({ sub: 'off-2', roles: ['officer'], squadId: 'SQ-LS-99' }), step);
      expect(await json(stranger)).toMatchObject({ statusCode: 403, code: 'CASE_NOT_IN_SQUAD' });
      const own = await call('POST', `/api/v1/cases/${c._id}/transitions`, as({ sub: 'off-1', roles: ['officer'], squadId: c.squadId! }), step);
      expect(own.status).not.toBe(403);
    });

    it('shows a caller unmasked only to operators who ask, and audits each such view', async () => {
      const operator = as({ sub: 'op-reveal', name: '话务员 甲', roles: ['operator'] });
      const filed = await json<{ id: string }>(await call('POST', '/api/v1/complaints', operator, { channel: 'hotline', text: '台东步行街有商户占道经营，堆放货物', caller: { name: '王建国', phone: '13912345678', anonymous: false } }));
      const view = async (token: string, reveal: boolean) =>
        (await json<{ caller: { phone: string; masked: boolean } }>(await call('GET', `/api/v1/complaints/${filed.id}${reveal ? '?revealCaller=true' : ''}`, token))).caller;
      expect(await view(operator, false)).toMatchObject({ phone: '139****5678', masked: true });
      expect(await view(operator, true)).toMatchObject({ phone: '13912345678', masked: false });
      expect(await view(as({ sub: 'disp-2', roles: ['dispatcher'] }), true)).toMatchObject({ phone: '139****5678', masked: true });
      const admin = as({ sub: 'admin-1', roles: ['admin'] });
      const entries = await json<{ actor: { sub: string }; action: string; params: { id: string } }[]>(await call('GET', '/api/v1/audit/complaint-intake?actor=op-reveal', admin));
      expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['VIEW caller unmasked', 'POST /api/v1/complaints']));
      expect(entries.find((e) => e.action === 'VIEW caller unmasked')!.params.id).toBe(filed.id);
      // the caller's phone never enters the audit log
      expect(JSON.stringify(entries)).not.toContain('13912345678');
    });
  });

  it('audits every change with who, what and the state before and after; only administrators read it and nothing edits it', async () => {
    const authority = as({ sub: 'authority-2', name: '市住建局 测试', roles: ['authority'] });
    const current = await json<{ households: number; revision: number }>(await call('GET', '/api/v1/evaluations/communities/CM077', authority));
    expect(current.households).not.toBe(999);
    expect((await call('PATCH', '/api/v1/evaluations/communities/CM077', authority, { households: 999, reason: '核定户数', changedBy: '市住建局' })).status).toBe(200);
    const admin = as({ sub: 'admin-2', roles: ['admin'] });
    type Entry = { actor: { sub: string; name: string }; action: string; status: number; input: { households: number }; before: { collection: string; id: string; before: { households: number } | null }[]; after: { households: number; revision: number } };
    const entries = await json<Entry[]>(await call('GET', '/api/v1/audit/property-evaluation?actor=authority-2', admin));
    expect(entries[0]).toMatchObject({ actor: { sub: 'authority-2', name: '市住建局 测试' }, action: 'PATCH /api/v1/evaluations/communities/:id', status: 200, input: { households: 999 }, after: { households: 999, revision: current.revision + 1 } });
    expect(entries[0].before).toEqual([expect.objectContaining({ id: 'CM077', before: expect.objectContaining({ households: current.households }) })]);
    expect((await call('GET', '/api/v1/audit/property-evaluation', authority)).status).toBe(403);
    expect(operations.filter((o) => o.path.startsWith('/api/v1/audit/') && o.method !== 'GET')).toEqual([]);
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) expect((await call(method, '/api/v1/audit/property-evaluation', admin, {})).status).toBe(404);
  });

  it('answers hostile input with 4xx and changes nothing', async () => {
    const operator = as({ sub: 'op-hostile', roles: ['operator'] });
    const count = async () => (await json<{ items: unknown[] }>(await call('GET', '/api/v1/complaints?limit=100', operator))).items.length;
    const before = await count();
    const cases: Array<[string, string, string, unknown, Record<string, string>?]> = [
      ['operator in a query string', 'GET', '/api/v1/complaints?status[$ne]=closed', undefined],
      ['operator in a body', 'POST', '/api/v1/complaints', { channel: 'hotline', text: { $gt: '' } }],
      ['__proto__ in a body', 'POST', '/api/v1/complaints', '{"channel":"hotline","text":"中山路有人占道经营","__proto__":{"isAdmin":true}}'],
      ['constructor.prototype in a body', 'POST', '/api/v1/complaints', '{"channel":"hotline","text":"中山路有人占道经营","constructor":{"prototype":{"x":1}}}'],
      ['deeply nested JSON', 'POST', '/api/v1/complaints', `${'{"a":'.repeat(200)}1${'}'.repeat(200)}`],
      ['an oversized body', 'POST', '/api/v1/complaints', { channel: 'hotline', text: '占道'.repeat(40_000) }],
      ['operator in an evaluation filter', 'GET', '/api/v1/evaluations/communities?district[$regex]=.*', undefined],
    ];
    for (const [name, method, path, body] of cases) {
      const res = await call(method, path, operator, body);
      expect([name, res.status >= 400 && res.status < 500]).toEqual([name, true]);
    }
    const invalidUtf8 = await fetch(`${system.baseUrl}/api/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}` },
      body: Buffer.concat([Buffer.from('{"channel":"hotline","text":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('中山路有人占道经营"}')]),
    });
    expect(invalidUtf8.status).toBe(400);
    expect(await count()).toBe(before);
  });
});
