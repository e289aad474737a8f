// Apache Kafka (KRaft, single node) run from the jars Maven resolves from
// Maven Central. The classpath is cached outside the repo, keyed by version.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { KAFKA_VERSION, REPO_ROOT, cacheDir } from './profile.mjs';
import { InfraError, isAlive, portOpen, readPid, requireTool, run, startDetached, stopPid, tail, waitFor } from './process.mjs';

const CONFIG_DIR = join(REPO_ROOT, 'tools', 'infra', 'kafka');

export function kafkaLibDir() {
  return join(cacheDir(), `kafka-${KAFKA_VERSION}`, 'lib');
}

/** Resolves the broker classpath once per version; later calls are instant. */
export function ensureKafkaJars(log = console.log) {
  const lib = kafkaLibDir();
  if (existsSync(join(lib, `kafka_2.13-${KAFKA_VERSION}.jar`))) return lib;
  requireTool('java', ['-version'], 'Kafka 需要 Java 17 或更高版本，例如 apt-get install openjdk-17-jre-headless');
  requireTool('mvn', ['-v'], 'Kafka 的 jar 包由 Maven 从 Maven Central 解析，例如 apt-get install maven');
  log(`[infra] 正在通过 Maven 解析 Kafka ${KAFKA_VERSION}（仅首次，之后使用缓存）…`);
  const staging = `${lib}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  run('mvn', [
    '-q', '-B', '-f', join(CONFIG_DIR, 'pom.xml'),
    `-Dkafka.version=${KAFKA_VERSION}`,
    'dependency:copy-dependencies', `-DoutputDirectory=${staging}`, '-DincludeScope=runtime',
  ]);
  rmSync(lib, { recursive: true, force: true });
  mkdirSync(join(lib, '..'), { recursive: true });
  // rename is atomic: a half-finished resolution is never taken for a cached one
  renameSync(staging, lib);
  return lib;
}

function javaOpts(logsDir) {
  return [
    '-Xms256m', '-Xmx768m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent', '-XX:+ExitOnOutOfMemoryError', '-Djava.awt.headless=true',
    '-Djava.net.preferIPv4Stack=true', `-Dkafka.logs.dir=${logsDir}`,
    `-Dlog4j.configuration=file:${join(CONFIG_DIR, 'log4j.properties')}`,
  ];
}

function paths(p) {
  const home = p.kafka.home;
  return {
    home,
    data: join(home, 'data'),
    logs: join(home, 'logs'),
    log: join(home, 'logs', 'broker.log'),
    pid: join(home, 'broker.pid'),
    props: join(home, 'server.properties'),
    clusterId: join(home, 'cluster.id'),
  };
}

export function kafkaRunning(p) {
  return isAlive(readPid(paths(p).pid));
}

export async function kafkaReady(brokers) {
  const kafka = new Kafka({ clientId: 'infra-probe', brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 0 } });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export async function startKafka(p, log = console.log) {
  const f = paths(p);
  if (kafkaRunning(p)) {
    await waitKafka(p);
    return { started: false };
  }
  for (const port of [p.kafkaPort, p.controllerPort]) {
    if (await portOpen(port)) {
      throw new InfraError(
        `端口 ${port} 已被其他进程占用，无法启动 Kafka。请停止占用该端口的进程，或设置 KAFKA_BROKERS 指向已有的 Kafka。`,
      );
    }
  }
  const lib = ensureKafkaJars(log);
  const classpath = `${lib}/*`;
  mkdirSync(f.data, { recursive: true });
  mkdirSync(f.logs, { recursive: true });
  const template = readFileSync(join(CONFIG_DIR, 'server.properties.template'), 'utf8');
  writeFileSync(
    f.props,
    template
      .replaceAll('${BROKER_PORT}', String(p.kafkaPort))
      .replaceAll('${CONTROLLER_PORT}', String(p.controllerPort))
      .replaceAll('${DATA_DIR}', f.data),
  );
  if (!existsSync(f.clusterId)) {
    const id = run('java', ['-cp', classpath, 'kafka.tools.StorageTool', 'random-uuid']).trim().split('\n').pop();
    writeFileSync(f.clusterId, id);
  }
  const clusterId = readFileSync(f.clusterId, 'utf8').trim();
  if (!readdirSync(f.data).includes('meta.properties')) {
    run('java', [...javaOpts(f.logs), '-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', f.props, '--ignore-formatted']);
  }
  startDetached('java', [...javaOpts(f.logs), '-cp', classpath, 'kafka.Kafka', f.props], { pidFile: f.pid, logFile: f.log });
  await waitKafka(p);
  return { started: true };
}

async function waitKafka(p) {
  const f = paths(p);
  await waitFor(
    async () => {
      if (!kafkaRunning(p)) throw new InfraError(`Kafka 进程已退出。日志 ${f.log}：\n${tail(f.log)}`);
      return kafkaReady(p.kafka.brokers);
    },
    { timeoutMs: 90_000, intervalMs: 500, what: `Kafka（${p.kafka.brokers}）就绪`, onTimeout: () => tail(f.log) },
  );
}

export async function stopKafka(p) {
  // SIGTERM gives a controlled shutdown; the KRaft log stays consistent
  return stopPid(paths(p).pid, { graceMs: 30_000 });
}

export function resetKafka(p) {
  rmSync(paths(p).home, { recursive: true, force: true });
}

export function kafkaLogFile(p) {
  return paths(p).log;
}
