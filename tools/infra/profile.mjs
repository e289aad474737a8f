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

function isolatedPorts(name) {
  const port = (v) => {
    const n = Number(process.env[v]);
    if (!Number.isInteger(n) || n < 1024 || n > 65535) throw new Error(`配置 "${name}" 需要环境变量 ${v}（1024–65535 的端口号）`);
    return n;
  };
  return { kafkaPort: port('INFRA_KAFKA_PORT'), controllerPort: port('INFRA_CONTROLLER_PORT'), mongoPort: port('INFRA_MONGO_PORT') };
}

const PROFILES = {
  dev: { kafkaPort: 9092, controllerPort: 9093, mongoPort: 27017 },
  test: { kafkaPort: 19092, controllerPort: 19093, mongoPort: 37017 },
};

/**
 * `dev` and `test` have fixed ports. Any other name is an isolated profile
 * (tests that stop the broker or store use one of their own), with its ports
 * given in INFRA_KAFKA_PORT, INFRA_CONTROLLER_PORT and INFRA_MONGO_PORT.
 */
export function profile(name = process.env.INFRA_PROFILE ?? 'dev') {
  if (!/^[a-z0-9][a-z0-9-]{0,40}$/.test(name)) throw new Error(`基础设施配置名无效："${name}"`);
  const ports = PROFILES[name] ?? isolatedPorts(name);
  const home = join(REPO_ROOT, '.var', 'infra', name);
  return {
    name,
    ...ports,
    home,
    kafka: { home: join(home, 'kafka'), brokers: `127.0.0.1:${ports.kafkaPort}` },
    ferretdb: { home: join(home, 'ferretdb'), uri: `mongodb://127.0.0.1:${ports.mongoPort}` },
  };
}
