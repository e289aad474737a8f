import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports';
import { REPO_ROOT } from './service-process';

const run = promisify(execFile);

/**
 * A broker and/or store of a spec's own, on free ports with their own data
 * folder, for tests that stop and start them (outages, faults) without
 * disturbing the shared test infrastructure. Driven through the project's
 * infra CLI, so it is the same Kafka and FerretDB as everywhere else.
 */
export class IsolatedInfra {
  private constructor(
    readonly name: string,
    readonly kafkaPort: number,
    readonly controllerPort: number,
    readonly mongoPort: number,
  ) {}

  static async create(label: string): Promise<IsolatedInfra> {
    const name = `iso-${label}-${process.pid}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 40);
    return new IsolatedInfra(name, await freePort(), await freePort(), await freePort());
  }

  get kafkaBrokers(): string {
    return `127.0.0.1:${this.kafkaPort}`;
  }

  get mongoUri(): string {
    return `mongodb://127.0.0.1:${this.mongoPort}`;
  }

  private async cli(command: string, only?: 'kafka' | 'store'): Promise<void> {
    // this instance is local by definition, whatever broker and store the suite itself runs against
    const { KAFKA_BROKERS: _k, MONGODB_URI: _m, ...inherited } = process.env;
    const env = {
      ...inherited,
      INFRA_PROFILE: this.name,
      INFRA_KAFKA_PORT: String(this.kafkaPort),
      INFRA_CONTROLLER_PORT: String(this.controllerPort),
      INFRA_MONGO_PORT: String(this.mongoPort),
    };
    await run(process.execPath, [join(REPO_ROOT, 'tools', 'infra', 'cli.mjs'), command, ...(only ? [`--only=${only}`] : [])], { env, cwd: REPO_ROOT });
  }

  startKafka = () => this.cli('up', 'kafka');
  stopKafka = () => this.cli('down', 'kafka');
  startStore = () => this.cli('up', 'store');
  stopStore = () => this.cli('down', 'store');

  /** Stops whatever runs and deletes the data folder. */
  async destroy(): Promise<void> {
    await this.cli('down');
    rmSync(join(REPO_ROOT, '.var', 'infra', this.name), { recursive: true, force: true });
  }
}
