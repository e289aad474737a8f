// Where the local infrastructure lives. Two profiles, on different ports and
// data folders, so that the test suite never touches a running development
// system: `dev` (npm start, infra:*) and `test` (the jest global setup).
import { homedir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const KAFKA_VERSION = '3.9.1';
export const FERRETDB_VERSION = 'v1.24.2';

/** Builds are cached outside the repository, keyed by version. */
export function cacheDir() {
  const base = process.env.PIPELINE_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'qingdao-pipeline');
  return resolve(base);
}

const PROFILES = {
  dev: { kafkaPort: 9092, controllerPort: 9093, mongoPort: 27017 },
  test: { kafkaPort: 19092, controllerPort: 19093, mongoPort: 37017 },
};

export function profile(name = process.env.INFRA_PROFILE ?? 'dev') {
  const ports = PROFILES[name];
  if (!ports) throw new Error(`未知的基础设施配置 "${name}"（可选：${Object.keys(PROFILES).join('、')}）`);
  const home = join(REPO_ROOT, '.var', 'infra', name);
  return {
    name,
    ...ports,
    home,
    kafka: { home: join(home, 'kafka'), brokers: `127.0.0.1:${ports.kafkaPort}` },
    ferretdb: { home: join(home, 'ferretdb'), uri: `mongodb://127.0.0.1:${ports.mongoPort}` },
  };
}
