import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { consumerGroupName } from '@pipeline/contracts';
import { testDbName } from './infra';
import { freePort } from './ports';
import { REPO_ROOT, ServiceProcess } from './service-process';

// The same service list and environment `npm start` uses (a plain script, loaded by path).
const { SERVICES, serviceEnv } = require(join(REPO_ROOT, 'tools', 'services.cjs')) as {
  SERVICES: { name: string; port: number }[];
  serviceEnv: (s: { name: string }, o: Record<string, unknown>) => Record<string, string>;
};

export type ServiceName = 'complaint-intake' | 'classification' | 'enforcement-case' | 'property-evaluation' | 'gateway';

/**
 * The whole system as real processes on free ports, in one namespace
 * (topic prefix, consumer groups, databases), against the test broker and store.
 */
export class RunningSystem {
  private readonly extraInstances: ServiceProcess[] = [];

  private constructor(
    readonly namespace: string,
    readonly services: Map<ServiceName, ServiceProcess>,
  ) {}

  /** `only` starts a subset of the services (a spec about one consumer needs no gateway); `env` is added to every service's. */
  static async start(
    namespace: string,
    infra: { kafkaBrokers: string; mongoUri: string },
    { only, env: extra = {} }: { only?: ServiceName[]; env?: Record<string, string> } = {},
  ): Promise<RunningSystem> {
    const selected = SERVICES.filter((s) => !only || only.includes(s.name as ServiceName));
    const missing = selected.filter((s) => !existsSync(join(REPO_ROOT, 'dist', 'apps', s.name, 'main.js')));
    if (missing.length) throw new Error(`not built: ${missing.map((s) => s.name).join(', ')} — run: npx nx run-many -t build`);
    const ports: Record<string, number> = {};
    for (const s of SERVICES) ports[s.name] = await freePort();
    const logDir = join(REPO_ROOT, 'tmp', 'e2e-logs', namespace);
    mkdirSync(logDir, { recursive: true });
    const services = new Map<ServiceName, ServiceProcess>();
    for (const s of selected) {
      const env = { ...serviceEnv(s, { ...infra, ports, prefix: namespace, dbPrefix: testDbName(namespace, '').replace(/_$/, '') }), ...extra };
      services.set(s.name as ServiceName, new ServiceProcess(s.name, ports[s.name], env, logDir));
    }
    const system = new RunningSystem(namespace, services);
    await Promise.all([...services.values()].map((p) => p.start()));
    return system;
  }

  /**
   * Another instance of a consuming service: same database and consumer
   * group, its own port (the scale-out the consumer groups allow).
   */
  async addInstance(name: Exclude<ServiceName, 'gateway'>): Promise<ServiceProcess> {
    const first = this.service(name);
    const port = await freePort();
    const copies = this.extraInstances.filter((p) => p.app === name).length;
    const instance = new ServiceProcess(`${name}-${copies + 2}`, port, { ...first.environment(), PORT: String(port) }, first.logDir, name);
    this.extraInstances.push(instance);
    await instance.start();
    return instance;
  }

  service(name: ServiceName): ServiceProcess {
    const s = this.services.get(name);
    if (!s) throw new Error(`unknown service ${name}`);
    return s;
  }

  get baseUrl(): string {
    return this.service('gateway').url;
  }

  /** The database a service keeps its data in (read directly by tests that recount stored data). */
  database(name: Exclude<ServiceName, 'gateway'>): string {
    const db = this.service(name).environment().MONGODB_DB;
    if (!db) throw new Error(`${name} has no database`);
    return db;
  }

  /** The Kafka consumer group of a service in this namespace. */
  consumerGroup(name: Exclude<ServiceName, 'gateway'>): string {
    return consumerGroupName(name, this.namespace);
  }

  /** Every process of the system, extra instances included. */
  get processes(): ServiceProcess[] {
    return [...this.services.values(), ...this.extraInstances];
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((s) => s.stop()));
  }
}
