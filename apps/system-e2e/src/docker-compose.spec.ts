import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '@pipeline/testing';

/**
 * docker-compose.yml and deploy/Dockerfile against the single source of truth
 * for the services and their environment, tools/services.cjs. No Docker is
 * needed: the files are parsed and compared, so a service added to the list,
 * a variable renamed or a typo in compose fails here, not on a user's machine.
 */

interface ServiceDef {
  name: string;
  port: number;
  db?: string;
}

// a plain script shared with `npm start`, loaded by path (not a relative import)
const { SERVICES, serviceEnv } = require(join(REPO_ROOT, 'tools', 'services.cjs')) as {
  SERVICES: ServiceDef[];
  serviceEnv: (s: ServiceDef, o: { kafkaBrokers: string; mongoUri: string; ports?: Record<string, number> }) => Record<string, string>;
};

type Env = Record<string, string | number | boolean | null>;
type DependsOn = string[] | Record<string, { condition?: string }>;
type Port = string | number | { target?: number | string; published?: number | string };

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: Record<string, string> | string[] };
  environment?: Env | string[];
  depends_on?: DependsOn;
  ports?: Port[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: unknown[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const COMPOSE_PATH = join(REPO_ROOT, 'docker-compose.yml');
const DOCKERFILE_PATH = join(REPO_ROOT, 'deploy', 'Dockerfile');

// `merge: true`: the file shares its common parts through `<<: *anchor` merge keys
const compose = parse(readFileSync(COMPOSE_PATH, 'utf8'), { merge: true }) as ComposeFile;
const services = compose?.services ?? {};

const placeholders = { kafkaBrokers: 'x', mongoUri: 'y' };
const expectedKeys = (s: ServiceDef) => Object.keys(serviceEnv(s, placeholders)).sort();

/**
 * Variables a service may be given beyond those serviceEnv() sets: the optional
 * ones of the libs' env pieces and of the apps' *.env.ts classes.
 */
const OPTIONAL_VARIABLES = [
  'NODE_ENV',
  'LOG_LEVEL',
  'HTTP_BODY_LIMIT',
  'KAFKA_TOPIC_PARTITIONS',
  'KAFKA_REPLICATION_FACTOR',
  'KAFKA_PARTITIONS_CONCURRENCY',
  'COMPLAINT_TO_CASE_TARGET',
  'CALLER_DATA_KEY',
  'CALLER_REF_KEY',
  'OPEN311_DEV_API_KEY',
  'CALENDAR_DIR',
  'CALLER_RETENTION_DAYS',
  'AUTH_JWT_SECRET',
  'AUTH_TOKEN_TTL_MINUTES',
  'RATE_LIMIT_PER_MINUTE',
  'AUTH_SEED_DEV_USERS',
  'AUTH_BOOTSTRAP_ADMIN_PASSWORD',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_SERVICE_NAME',
];
const KNOWN_VARIABLES = new Set([...SERVICES.flatMap(expectedKeys), ...OPTIONAL_VARIABLES]);

/** Compose accepts `environment` as a map or as a list of KEY=VALUE. */
function envOf(service: ComposeService | undefined): Record<string, string> {
  const env = service?.environment;
  if (!env) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : '']));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function buildArgsOf(service: ComposeService): Record<string, string> {
  const args = typeof service.build === 'object' ? service.build.args : undefined;
  if (!args) return {};
  if (Array.isArray(args)) return Object.fromEntries(args.map((a) => [a.split('=')[0], a.slice(a.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, String(v)]));
}

/** depends_on as { dependency: condition }; the short list form has no condition. */
function dependsOnOf(service: ComposeService): Record<string, string | undefined> {
  const deps = service.depends_on;
  if (!deps) return {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([d, o]) => [d, o?.condition]));
}

/** The container ports a service publishes on the host. */
function publishedTargets(service: ComposeService): number[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'object') return Number(p.target);
    const spec = String(p).split('/')[0];
    return Number(spec.split(':').at(-1));
  });
}

function healthcheckText(service: ComposeService): string {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

const byName = (name: string) => {
  const s = SERVICES.find((x) => x.name === name);
  if (!s) throw new Error(`tools/services.cjs has no service ${name}`);
  return s;
};
const gateway = byName('gateway');
const backends = SERVICES.filter((s) => s !== gateway);

/**
 * Which gateway variable names which service: serviceEnv() is asked with a
 * distinct port per service, and each URL's port tells its target.
 */
const upstreamOf: Record<string, string> = (() => {
  const ports = Object.fromEntries(SERVICES.map((s, i) => [s.name, 50_000 + i]));
  const env = serviceEnv(gateway, { ...placeholders, ports });
  return Object.fromEntries(
    Object.entries(env)
      .filter(([k, v]) => k !== 'PORT' && /^https?:\/\//.test(v))
      .map(([k, v]) => [k, SERVICES.find((s) => ports[s.name] === Number(new URL(v).port))?.name ?? '?']),
  );
})();

describe('docker-compose.yml', () => {
  it('parses and defines the infrastructure: kafka and mongodb', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['kafka', 'mongodb']));
  });

  it('defines every service of tools/services.cjs', () => {
    const missing = SERVICES.map((s) => s.name).filter((name) => !services[name]);
    expect({ missingFromCompose: missing }).toEqual({ missingFromCompose: [] });
  });

  it('runs Kafka as a single KRaft node that the services can reach', () => {
    const kafka = envOf(services.kafka);
    expect(services.kafka?.image).toMatch(/^apache\/kafka:3\.9\./);
    expect(kafka.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(kafka.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(healthcheckText(services.kafka)).toContain('kafka-broker-api-versions.sh');
    // no blank listener hosts (see docs/infrastructure.md §5)
    const blank = (kafka.KAFKA_LISTENERS ?? '').split(',').filter((l) => /:\/\/:/.test(l));
    expect({ blankListenerHosts: blank }).toEqual({ blankListenerHosts: [] });
    // what the services are told is what the broker advertises
    const advertised = (kafka.KAFKA_ADVERTISED_LISTENERS ?? '').split(',').map((l) => l.replace(/^[A-Z_]+:\/\//, ''));
    const brokers = [...new Set(backends.flatMap((s) => (envOf(services[s.name]).KAFKA_BROKERS ?? '').split(',')))];
    const unadvertised = brokers.filter((b) => !advertised.includes(b));
    expect({ brokersNotAdvertised: unadvertised, advertised }).toEqual({ brokersNotAdvertised: [], advertised });
  });

  it('runs MongoDB with a data volume and a ping health check', () => {
    expect(services.mongodb?.image).toMatch(/^mongo:/);
    expect(services.mongodb?.volumes?.length).toBeGreaterThan(0);
    expect(healthcheckText(services.mongodb)).toContain('ping');
  });

  describe.each(SERVICES.map((s) => [s.name, s] as const))('%s', (name, def) => {
    const service = services[name] ?? {};
    const env = envOf(service);

    it('is built from deploy/Dockerfile with SERVICE set to its name', () => {
      const build = typeof service.build === 'object' ? service.build : { context: service.build };
      expect({ context: build.context, dockerfile: build.dockerfile, SERVICE: buildArgsOf(service).SERVICE }).toEqual({
        context: '.',
        dockerfile: 'deploy/Dockerfile',
        SERVICE: name,
      });
      expect(service.image).toBe(`qingdao-pipeline/${name}:local`);
    });

    it('defines every variable serviceEnv() gives it', () => {
      const missing = expectedKeys(def).filter((k) => !(k in env));
      expect({ service: name, missingVariables: missing }).toEqual({ service: name, missingVariables: [] });
    });

    it('defines no variable the services do not know (typos)', () => {
      const unknown = Object.keys(env).filter((k) => !KNOWN_VARIABLES.has(k));
      expect({ service: name, unknownVariables: unknown }).toEqual({ service: name, unknownVariables: [] });
    });

    it('listens on its own port on every interface', () => {
      expect({ PORT: env.PORT, HOST: env.HOST }).toEqual({ PORT: String(def.port), HOST: '0.0.0.0' });
    });

    it('depends on what it connects to being healthy', () => {
      const expected = new Set<string>();
      if ('KAFKA_BROKERS' in env) for (const b of env.KAFKA_BROKERS.split(',')) expected.add(b.split(':')[0]);
      if ('MONGODB_URI' in env) expected.add(new URL(env.MONGODB_URI).hostname);
      for (const key of Object.keys(upstreamOf)) if (key in env) expected.add(new URL(env[key]).hostname);
      const deps = dependsOnOf(service);
      const notDefined = [...expected].filter((d) => !services[d]);
      expect({ service: name, dependsOnUnknownServices: notDefined }).toEqual({ service: name, dependsOnUnknownServices: [] });
      const notHealthy = [...expected].filter((d) => deps[d] !== 'service_healthy');
      expect({ service: name, notWaitedForAsHealthy: notHealthy }).toEqual({ service: name, notWaitedForAsHealthy: [] });
      const other = Object.entries(deps).filter(([d, c]) => c !== 'service_healthy' && !expected.has(d));
      expect({ service: name, dependsOnWithoutHealth: other }).toEqual({ service: name, dependsOnWithoutHealth: [] });
    });

    it('has a readiness health check', () => {
      expect(healthcheckText(service)).toContain('/health/ready');
    });
  });

  it('gives each service its own MongoDB database, named as in tools/services.cjs', () => {
    const dbs = backends.map((s) => [s.name, envOf(services[s.name]).MONGODB_DB] as const);
    expect(Object.fromEntries(dbs)).toEqual(Object.fromEntries(backends.map((s) => [s.name, s.db])));
    const values = dbs.map(([, db]) => db);
    const shared = values.filter((db, i) => values.indexOf(db) !== i);
    expect({ databasesSharedByServices: shared }).toEqual({ databasesSharedByServices: [] });
  });

  it('points the backing services at the compose kafka and mongodb', () => {
    const wrong = backends
      .map((s) => ({ service: s.name, env: envOf(services[s.name]) }))
      .filter(({ env }) => 'KAFKA_BROKERS' in env || 'MONGODB_URI' in env)
      .flatMap(({ service, env }) => [
        ...('KAFKA_BROKERS' in env && !env.KAFKA_BROKERS.split(',').every((b) => b.split(':')[0] === 'kafka') ? [`${service} KAFKA_BROKERS=${env.KAFKA_BROKERS}`] : []),
        ...('MONGODB_URI' in env && new URL(env.MONGODB_URI).hostname !== 'mongodb' ? [`${service} MONGODB_URI=${env.MONGODB_URI}`] : []),
      ]);
    expect({ notPointingAtCompose: wrong }).toEqual({ notPointingAtCompose: [] });
  });

  it("points the gateway's upstream URLs at the compose services and their ports", () => {
    const env = envOf(services[gateway.name]);
    expect(Object.keys(upstreamOf).length).toBe(backends.length);
    const actual = Object.fromEntries(Object.keys(upstreamOf).map((key) => [key, env[key]]));
    const expected = Object.fromEntries(
      Object.entries(upstreamOf).map(([key, target]) => [key, `http://${target}:${envOf(services[target]).PORT ?? byName(target).port}`]),
    );
    expect(actual).toEqual(expected);
  });

  it('publishes only the gateway port on the host', () => {
    const publishing = Object.entries(services)
      .filter(([, s]) => (s.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(publishing).toEqual([gateway.name]);
    expect(publishedTargets(services[gateway.name])).toEqual([Number(envOf(services[gateway.name]).PORT)]);
  });
});

describe('deploy/Dockerfile', () => {
  const text = existsSync(DOCKERFILE_PATH) ? readFileSync(DOCKERFILE_PATH, 'utf8') : '';
  // instructions with their continuation lines joined, comments dropped
  const instructions = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const lastFrom = instructions.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
  const runtime = instructions.slice(lastFrom);
  const inRuntime = (keyword: string) => runtime.filter((l) => new RegExp(`^${keyword}\\s`, 'i').test(l));

  it('exists', () => {
    expect(existsSync(DOCKERFILE_PATH)).toBe(true);
  });

  it('is multi-stage and selects the service with ARG SERVICE in the runtime stage', () => {
    expect(instructions.filter((l) => /^FROM\s/i.test(l)).length).toBeGreaterThanOrEqual(2);
    expect(inRuntime('ARG').some((l) => /^ARG\s+SERVICE(=|\s|$)/i.test(l))).toBe(true);
  });

  it('runs as a non-root user', () => {
    const users = inRuntime('USER').map((l) => l.split(/\s+/)[1]);
    expect(users.length).toBeGreaterThan(0);
    const last = users.at(-1) ?? '';
    expect({ user: last, root: /^(root|0)(:|$)/.test(last) }).toEqual({ user: last, root: false });
  });

  it('has a health check', () => {
    const checks = inRuntime('HEALTHCHECK');
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.at(-1)).not.toMatch(/^HEALTHCHECK\s+NONE/i);
  });

  it('exposes the port of every service', () => {
    const exposed = inRuntime('EXPOSE')
      .flatMap((l) => l.split(/\s+/).slice(1))
      .map((p) => p.split('/')[0].split('-').map(Number));
    const covered = (port: number) => exposed.some(([from, to = from]) => port >= from && port <= to);
    const notExposed = SERVICES.filter((s) => !covered(s.port)).map((s) => `${s.name}:${s.port}`);
    expect({ notExposed }).toEqual({ notExposed: [] });
  });
});

describe('.dockerignore', () => {
  it('keeps host dependencies, build output and VCS data out of the build context', () => {
    const path = join(REPO_ROOT, '.dockerignore');
    const lines = existsSync(path) ? readFileSync(path, 'utf8').split(/\r?\n/).map((l) => l.trim()) : [];
    const missing = ['node_modules', 'dist', '.git', '.nx'].filter((p) => !lines.some((l) => l === p || l === `**/${p}` || l === `/${p}`));
    expect({ notIgnored: missing }).toEqual({ notIgnored: [] });
  });

  it('gives intake its secrets from the environment, never the development defaults (production refuses them)', () => {
    const env = envOf(compose.services['complaint-intake']);
    expect(env.CALLER_DATA_KEY).toMatch(/^\$\{CALLER_DATA_KEY:\?.+\}$/);
    expect(env.CALLER_REF_KEY).toMatch(/^\$\{CALLER_REF_KEY:\?.+\}$/);
    expect(env.OPEN311_DEV_API_KEY).toBe('none');
  });
});
