import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ALL_TOPICS, consumerGroupName, deadLetterTopicName, physicalTopicName } from '@pipeline/contracts';
import {
  OVERLAYS, REPO_ROOT, SERVICES, consumedTopics, containersOf, envValue, envVariables, imageRepository, imageTag, mainContainer,
  named, numberInSource, ofKind, parseDocs, render, secretsCreatedByScript, selects, validate, type K8sObject, type ValidationResult,
} from './manifests';

/**
 * Every overlay is rendered with kustomize and every document validated
 * offline against the Kubernetes and CRD schemas (tools/k8s/validate.mjs);
 * then the rendered objects are checked against the repository's own sources
 * of truth: the service list, the topic contracts, the env classes, the
 * shutdown deadlines and docker-compose.yml. No cluster, broker or store.
 */

const work = mkdtempSync(join(tmpdir(), 'k8s-manifests-'));
const rendered = new Map<string, { file: string; docs: K8sObject[] }>();
let validation: ValidationResult & { status: number | null };

// the first run on a machine builds kustomize from the Go module proxy (about a minute)
beforeAll(() => {
  for (const dir of OVERLAYS) {
    const text = render(dir);
    const file = join(work, `${dir.replace(/\//g, '_')}.yaml`);
    writeFileSync(file, text);
    rendered.set(dir, { file, docs: parseDocs(text) });
  }
  validation = validate([...rendered.values()].map((r) => r.file));
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const docsOf = (dir: string) => rendered.get(dir)?.docs ?? [];
const consumers = SERVICES.filter((s) => consumedTopics(s.name).length > 0);
const httpOnly = SERVICES.filter((s) => consumedTopics(s.name).length === 0);

describe('kustomize build and offline schema validation', () => {
  it.each(OVERLAYS)('%s renders, and every document validates against its schema', (dir) => {
    const { file, docs } = rendered.get(dir) ?? { file: '', docs: [] };
    expect(docs.length).toBeGreaterThan(40);
    const problems = validation.problems.filter((p) => p.source === file).map((p) => `${p.document}: [${p.check}] ${p.message}`);
    expect({ dir, problems }).toEqual({ dir, problems: [] });
  });

  it('counted every document of every overlay', () => {
    const total = [...rendered.values()].reduce((n, r) => n + r.docs.length, 0);
    expect({ documents: validation.documents, status: validation.status }).toEqual({ documents: total, status: 0 });
  });

  describe('rejects broken manifests (a typo fails CI)', () => {
    const production = () => docsOf('deploy/k8s/overlays/production').map((d) => structuredClone(d));
    const broken = (name: string, docs: object[]) => {
      const file = join(work, `broken-${name}.yaml`);
      writeFileSync(file, docs.map((d) => stringify(d)).join('---\n'));
      return validate([file]);
    };
    const findings = (r: ValidationResult) => r.problems.map((p) => `${p.document} [${p.check}]`);

    it('an unknown field deep in a Deployment (imagePullPolcy)', () => {
      const deployment = named(production(), 'Deployment', 'gateway') as K8sObject;
      const container = containersOf(deployment)[0] as unknown as Record<string, unknown>;
      container.imagePullPolcy = container.imagePullPolicy;
      delete container.imagePullPolicy;
      const r = broken('field', [deployment]);
      expect(r.status).toBe(1);
      expect(findings(r)).toEqual(['Deployment/gateway [fields]']);
      expect(r.problems[0].message).toContain('imagePullPolcy');
    });

    it('a wrong type in a Deployment (replicas: "two")', () => {
      const deployment = named(production(), 'Deployment', 'classification') as K8sObject;
      deployment.spec.replicas = 'two';
      const r = broken('type', [deployment]);
      expect(r.status).toBe(1);
      expect(findings(r)).toEqual(expect.arrayContaining(['Deployment/classification [schema]', 'Deployment/classification [fields]']));
    });

    it('a misspelt or mistyped field in the Strimzi, KEDA and prometheus-operator resources', () => {
      const docs = production();
      const topic = ofKind(docs, 'KafkaTopic')[0];
      topic.spec.partitons = topic.spec.partitions;
      delete topic.spec.partitions;
      const pool = ofKind(docs, 'KafkaNodePool')[0];
      pool.spec.replicas = '3';
      const scaled = ofKind(docs, 'ScaledObject')[0];
      scaled.spec.triggers[0].metadatta = scaled.spec.triggers[0].metadata;
      delete scaled.spec.triggers[0].metadata;
      const kafka = ofKind(docs, 'Kafka')[0];
      kafka.spec.kafka.listeners[0].networkPolicyPeer = kafka.spec.kafka.listeners[0].networkPolicyPeers;
      delete kafka.spec.kafka.listeners[0].networkPolicyPeers;
      const monitor = ofKind(docs, 'ServiceMonitor')[0];
      monitor.spec.endpoints[0].honorLabel = true;
      delete monitor.spec.endpoints[0].honorLabels;
      const rules = ofKind(docs, 'PrometheusRule')[0];
      rules.spec.groups[0].rules[0].for = 10;
      const r = broken('crd', [topic, pool, scaled, kafka, monitor, rules]);
      expect(r.status).toBe(1);
      const found = new Set(findings(r).map((f) => f.split(' ')[0]));
      expect([...found].sort()).toEqual(
        [
          `KafkaTopic/${topic.metadata.name}`, `KafkaNodePool/${pool.metadata.name}`, `ScaledObject/${scaled.metadata.name}`, `Kafka/${kafka.metadata.name}`,
          `ServiceMonitor/${monitor.metadata.name}`, `PrometheusRule/${rules.metadata.name}`,
        ].sort(),
      );
    });

    it('a kind it has no schema for, and a document that is no object', () => {
      const r = broken('unknown', [{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }, { apiVersion: 'v1', kind: 'ConfigMap' }]);
      expect(r.status).toBe(1);
      expect(findings(r)).toEqual(expect.arrayContaining(['Widget/w [schema]', 'ConfigMap/#1 [schema]']));
    });
  });
});

describe.each(OVERLAYS)('%s', (dir) => {
  const docs = () => docsOf(dir);
  const config = () => ofKind(docs(), 'ConfigMap').find((c) => c.metadata.name.startsWith('pipeline-config'));
  const setting = (key: string) => config()?.data?.[key];
  const prefix = () => setting('KAFKA_TOPIC_PREFIX') ?? '';
  const kafka = () => ofKind(docs(), 'Kafka')[0];

  it('commits no Secret; every secret a container reads is made by deploy/k8s/create-secrets.sh', () => {
    expect(ofKind(docs(), 'Secret').map((s) => s.metadata.name)).toEqual([]);
    const referenced = new Set<string>();
    for (const d of ofKind(docs(), 'Deployment')) {
      for (const c of containersOf(d)) {
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (ref) referenced.add(`${ref.name}/${ref.key}`);
        }
      }
    }
    expect([...referenced].sort()).toEqual(secretsCreatedByScript());
  });

  // what the API server or the kubelet would only refuse at apply or start time
  it('resolves every reference: ConfigMap keys, selectors, named ports, scale targets', () => {
    const broken: string[] = [];
    for (const d of ofKind(docs(), 'Deployment')) {
      const labels = d.spec.template.metadata.labels;
      if (!selects(d.spec.selector, labels)) broken.push(`Deployment/${d.metadata.name}: selector does not match its pods`);
      for (const c of containersOf(d)) {
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.configMapKeyRef;
          if (ref && named(docs(), 'ConfigMap', ref.name)?.data?.[ref.key] === undefined) broken.push(`${d.metadata.name} ${e.name}: no ConfigMap key ${ref.name}/${ref.key}`);
        }
      }
    }
    const ports = (selector: { matchLabels?: Record<string, string> } | undefined) =>
      ofKind(docs(), 'Deployment')
        .filter((d) => selects(selector, d.spec.template.metadata.labels))
        .flatMap((d) => containersOf(d).flatMap((c) => (c.ports ?? []).map((p) => p.name)));
    for (const s of ofKind(docs(), 'Service')) {
      for (const p of s.spec.ports) {
        if (typeof p.targetPort === 'string' && !ports({ matchLabels: s.spec.selector }).includes(p.targetPort)) broken.push(`Service/${s.metadata.name}: no port ${p.targetPort}`);
      }
    }
    for (const d of ofKind(docs(), 'Deployment')) {
      for (const c of containersOf(d)) {
        for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
          const port = probe?.httpGet?.port;
          if (typeof port === 'string' && !(c.ports ?? []).some((p) => p.name === port)) broken.push(`${d.metadata.name}: probe on unknown port ${port}`);
        }
      }
    }
    for (const a of [...ofKind(docs(), 'HorizontalPodAutoscaler'), ...ofKind(docs(), 'ScaledObject')]) {
      if (!named(docs(), 'Deployment', a.spec.scaleTargetRef.name)) broken.push(`${a.kind}/${a.metadata.name}: no Deployment ${a.spec.scaleTargetRef.name}`);
    }
    expect(broken).toEqual([]);
  });

  // a volume pod-defaults.yaml would replace, or a ConfigMap name not rewritten to its hash, leaves the folder empty
  it.each(['complaint-intake', 'enforcement-case'])('%s mounts the holiday notices (ConfigMap pipeline-calendar) at its CALENDAR_DIR', (name) => {
    const dir = envValue(docs(), mainContainer(docs(), name), 'CALENDAR_DIR');
    const mount = mainContainer(docs(), name)?.volumeMounts?.find((m) => m.mountPath === dir);
    const volume = named(docs(), 'Deployment', name)?.spec?.template?.spec?.volumes?.find((v: { name: string }) => v.name === mount?.name);
    const configMap = volume?.configMap?.name ? named(docs(), 'ConfigMap', volume.configMap.name) : undefined;
    expect({ dir, readOnly: mount?.readOnly, configMap: configMap?.metadata.name.replace(/-[a-z0-9]{10}$/, '') }).toEqual({ dir: '/etc/qingdao-pipeline/calendar', readOnly: true, configMap: 'pipeline-calendar' });
    // and pod-defaults' scratch /tmp is still there beside it
    expect(mainContainer(docs(), name)?.volumeMounts?.map((m) => m.mountPath)).toContain('/tmp');
  });

  describe.each(SERVICES.map((s) => [s.name, s] as const))('%s', (name, service) => {
    const deployment = () => named(docs(), 'Deployment', name);
    const container = () => mainContainer(docs(), name);
    const podLabels = () => deployment()?.spec?.template?.metadata?.labels;

    it('has a Deployment on its port and database, with requests and limits', () => {
      const c = container();
      expect(c?.ports?.map((p) => p.containerPort)).toEqual([service.port]);
      expect({ PORT: envValue(docs(), c, 'PORT'), MONGODB_DB: envValue(docs(), c, 'MONGODB_DB') }).toEqual({
        PORT: String(service.port),
        MONGODB_DB: service.db,
      });
      for (const kind of ['requests', 'limits'] as const) {
        expect({ [kind]: Object.keys(c?.resources?.[kind] ?? {}).sort() }).toEqual({ [kind]: ['cpu', 'memory'] });
      }
    });

    it('is probed on /health/live (liveness, start-up) and /health/ready (readiness) at its own port', () => {
      const c = container();
      const portName = c?.ports?.[0]?.name;
      expect({
        liveness: c?.livenessProbe?.httpGet,
        startup: c?.startupProbe?.httpGet,
        readiness: c?.readinessProbe?.httpGet,
      }).toEqual({
        liveness: { path: '/health/live', port: portName },
        startup: { path: '/health/live', port: portName },
        readiness: { path: '/health/ready', port: portName },
      });
      // the readiness check allows the broker 1.5 s and the store 1 s
      expect(c?.readinessProbe?.timeoutSeconds).toBeGreaterThanOrEqual(2);
    });

    it('is given longer to stop than its pre-stop pause, shutdown deadline and consumer drain take', () => {
      const deadline = numberInSource('libs/infra/service/src/bootstrap.ts', /const SHUTDOWN_DEADLINE_MS = ([\d_]+)/) / 1000;
      const drain = numberInSource('libs/infra/kafka/src/events-transport.ts', /shutdownTimeoutMs \?\? ([\d_]+)/) / 1000;
      const preStop = container()?.lifecycle?.preStop?.sleep?.seconds ?? 0;
      const grace = deployment()?.spec?.template?.spec?.terminationGracePeriodSeconds ?? 30;
      expect(drain).toBeLessThan(deadline);
      expect(preStop).toBeGreaterThan(0);
      expect(grace).toBeGreaterThanOrEqual(preStop + deadline + 5);
    });

    it('has a Service on its port and a PodDisruptionBudget, both selecting its pods', () => {
      const svc = named(docs(), 'Service', name);
      expect(svc?.spec?.ports?.map((p: { port: number }) => p.port)).toEqual([service.port]);
      expect(selects({ matchLabels: svc?.spec?.selector }, podLabels())).toBe(true);
      const pdbs = ofKind(docs(), 'PodDisruptionBudget').filter((p) => selects(p.spec?.selector, podLabels()));
      expect(pdbs.map((p) => p.metadata.name)).toEqual([name]);
      expect(pdbs[0].spec.maxUnavailable ?? pdbs[0].spec.minAvailable).toBeDefined();
    });

    it('is given only variables its env class reads', () => {
      const known = envVariables(name);
      const unknown = (container()?.env ?? []).map((e) => e.name).filter((n) => !known.has(n));
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
    });

    it('runs its own image, qingdao-pipeline/<service>, at a pinned tag', () => {
      const image = container()?.image ?? '';
      expect(imageRepository(image)).toBe(`qingdao-pipeline/${name}`);
      expect(imageTag(image)).not.toBe('latest');
    });

    it('leaves the replica count to its autoscaler', () => {
      expect(deployment()?.spec?.replicas).toBeUndefined();
    });
  });

  describe.each(consumers.map((s) => [s.name] as const))('%s (a consumer)', (name) => {
    it('is scaled on the lag of its consumer group on exactly the topics it consumes', () => {
      const scaled = ofKind(docs(), 'ScaledObject').filter((s) => s.spec?.scaleTargetRef?.name === name);
      expect(scaled).toHaveLength(1);
      const triggers = (scaled[0].spec.triggers as { type: string; metadata: Record<string, string> }[]).filter((t) => t.type === 'kafka');
      const topics = triggers.map((t) => t.metadata.topic).sort();
      expect(topics).toEqual(consumedTopics(name).map((t) => physicalTopicName(t, prefix())));
      for (const t of triggers) {
        expect({ topic: t.metadata.topic, group: t.metadata.consumerGroup }).toEqual({ topic: t.metadata.topic, group: consumerGroupName(name, prefix()) });
        // trigger metadata is a free map to the schema: only the keys KEDA's kafka scaler reads
        const unknown = Object.keys(t.metadata).filter(
          (k) => !['bootstrapServersFromEnv', 'consumerGroup', 'topic', 'lagThreshold', 'activationLagThreshold', 'offsetResetPolicy', 'allowIdleConsumers'].includes(k),
        );
        expect({ topic: t.metadata.topic, unknown }).toEqual({ topic: t.metadata.topic, unknown: [] });
        expect(mainContainer(docs(), name)?.env?.map((e) => e.name)).toContain(t.metadata.bootstrapServersFromEnv);
        expect(Number(t.metadata.lagThreshold)).toBeGreaterThan(0);
      }
    });

    it('never scales past the partitions of the topics it consumes (idle consumers)', () => {
      const scaled = ofKind(docs(), 'ScaledObject').find((s) => s.spec?.scaleTargetRef?.name === name);
      const partitions = consumedTopics(name).map((t) => named(docs(), 'KafkaTopic', physicalTopicName(t, prefix()))?.spec?.partitions ?? 0);
      expect(scaled?.spec?.minReplicaCount).toBeGreaterThanOrEqual(1);
      expect(scaled?.spec?.maxReplicaCount).toBeLessThanOrEqual(Math.min(...partitions));
      expect(scaled?.spec?.minReplicaCount).toBeLessThanOrEqual(scaled?.spec?.maxReplicaCount);
    });
  });

  it.each(httpOnly.map((s) => [s.name] as const))('%s (no consumer) is scaled on CPU', (name) => {
    const hpa = ofKind(docs(), 'HorizontalPodAutoscaler').filter((h) => h.spec?.scaleTargetRef?.name === name);
    expect(hpa).toHaveLength(1);
    expect(hpa[0].spec.metrics).toEqual([expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) })]);
    expect(hpa[0].spec.minReplicas).toBeLessThanOrEqual(hpa[0].spec.maxReplicas);
  });

  it('has every app scraped on GET /metrics of its http port, reachable from Prometheus, and ships the rules and the dashboard', () => {
    const monitors = ofKind(docs(), 'ServiceMonitor');
    const scraped = (name: string) =>
      monitors.some((m) => {
        const svc = named(docs(), 'Service', name);
        const selected = (m.spec.selector.matchExpressions ?? []).every(
          (e: { key: string; operator: string; values: string[] }) => e.operator === 'In' && e.values.includes(svc?.metadata.labels?.[e.key] ?? ''),
        );
        const ports = (svc?.spec?.ports ?? []).map((p: { name: string }) => p.name);
        return selected && m.spec.endpoints.some((e: { port: string; path: string }) => e.path === '/metrics' && ports.includes(e.port));
      });
    expect(SERVICES.filter((s) => !scraped(s.name)).map((s) => s.name)).toEqual([]);
    // the services take HTTP only from the gateway, and from Prometheus
    const fromPrometheus = ofKind(docs(), 'NetworkPolicy').filter((n) =>
      (n.spec.ingress ?? []).some((i: { from?: { podSelector?: { matchLabels?: Record<string, string> } }[] }) =>
        (i.from ?? []).some((f) => f.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'prometheus'),
      ),
    );
    const guarded = SERVICES.filter((s) => s.name !== 'gateway').map((s) => s.name);
    expect(guarded.filter((name) => !fromPrometheus.some((n) => n.spec.podSelector.matchExpressions?.[0]?.values?.includes(name)))).toEqual([]);
    expect(ofKind(docs(), 'PrometheusRule').map((r) => r.metadata.name)).toEqual(['pipeline-alerts']);
    const dashboards = ofKind(docs(), 'ConfigMap').filter((c) => c.metadata.labels?.grafana_dashboard === '1');
    expect(dashboards.map((c) => c.metadata.name)).toEqual(['pipeline-grafana-dashboard']);
    expect(dashboards[0].data?.['grafana-dashboard.json']).toBe(readFileSync(join(REPO_ROOT, 'deploy/k8s/base/monitoring/grafana-dashboard.json'), 'utf8'));
  });

  it('runs Kafka in KRaft mode with three brokers and an odd controller quorum, on Kafka 3.9 (ADR 0002)', () => {
    const k = kafka();
    expect(ofKind(docs(), 'Kafka')).toHaveLength(1);
    expect(k.metadata.annotations).toEqual(expect.objectContaining({ 'strimzi.io/kraft': 'enabled', 'strimzi.io/node-pools': 'enabled' }));
    expect(k.spec.kafka.version).toMatch(/^3\.9\./);
    expect(k.spec.zookeeper).toBeUndefined();
    const pools = ofKind(docs(), 'KafkaNodePool').filter((p) => p.metadata.labels?.['strimzi.io/cluster'] === k.metadata.name);
    const count = (role: string) => pools.filter((p) => p.spec.roles.includes(role)).reduce((n, p) => n + p.spec.replicas, 0);
    expect({ brokers: count('broker'), controllersOdd: count('controller') % 2 === 1, controllers3: count('controller') >= 3 }).toEqual({
      brokers: 3,
      controllersOdd: true,
      controllers3: true,
    });
    expect(k.spec.entityOperator?.topicOperator).toBeDefined();
  });

  it('points KAFKA_BROKERS at the cluster bootstrap Service in its own namespace (KEDA resolves it from another)', () => {
    const k = kafka();
    const plain = k.spec.kafka.listeners.find((l: { tls: boolean; type: string }) => !l.tls && l.type === 'internal');
    const namespace = k.metadata.namespace ?? 'qingdao-pipeline';
    expect(setting('KAFKA_BROKERS')).toBe(`${k.metadata.name}-kafka-bootstrap.${namespace}.svc:${plain?.port}`);
  });

  it("lets every pod that talks to Kafka through the broker's network policy", () => {
    const listener = kafka().spec.kafka.listeners.find((l: { tls: boolean; type: string }) => !l.tls && l.type === 'internal');
    const peers = (listener?.networkPolicyPeers ?? []) as { podSelector?: { matchLabels?: Record<string, string> } }[];
    const shut = ofKind(docs(), 'Deployment')
      .filter((d) => containersOf(d).some((c) => c.env?.some((e) => e.name === 'KAFKA_BROKERS')))
      .filter((d) => !peers.some((p) => selects(p.podSelector, d.spec.template.metadata.labels)))
      .map((d) => d.metadata.name);
    expect({ shutOut: shut }).toEqual({ shutOut: [] });
  });

  it('has a KafkaTopic for every contract topic and its dead-letter topic, and no other', () => {
    const expected = ALL_TOPICS.flatMap((t) => [t.name, deadLetterTopicName(t.name)]).map((n) => physicalTopicName(n, prefix())).sort();
    const topics = ofKind(docs(), 'KafkaTopic');
    const names = topics.map((t) => t.spec?.topicName ?? t.metadata.name).sort();
    expect({ missing: expected.filter((n) => !names.includes(n)), extra: names.filter((n) => !expected.includes(n)) }).toEqual({ missing: [], extra: [] });
    const strays = topics.filter((t) => t.metadata.labels?.['strimzi.io/cluster'] !== kafka().metadata.name).map((t) => t.metadata.name);
    expect({ notInTheCluster: strays }).toEqual({ notInTheCluster: [] });
  });

  it('sizes every topic as the services would create it, replicated so one broker may be lost', () => {
    const partitions = Number(setting('KAFKA_TOPIC_PARTITIONS'));
    const replicas = Number(setting('KAFKA_REPLICATION_FACTOR'));
    const wrong = ofKind(docs(), 'KafkaTopic')
      .filter((t) => t.spec.partitions !== partitions || t.spec.replicas !== replicas)
      .map((t) => `${t.metadata.name}: ${t.spec.partitions}×${t.spec.replicas}`);
    expect({ partitions, replicas, wrong }).toEqual({ partitions, replicas: 3, wrong: [] });
    const isr = ofKind(docs(), 'KafkaTopic').map((t) => Number(t.spec.config?.['min.insync.replicas'] ?? kafka().spec.kafka.config['min.insync.replicas']));
    expect(new Set(isr)).toEqual(new Set([replicas - 1]));
  });

  it('puts everything in one namespace', () => {
    const namespaced = docs().filter((d) => d.kind !== 'Namespace');
    const namespaces = new Set(namespaced.map((d) => d.metadata.namespace));
    if (dir === 'deploy/k8s/base') expect(namespaces).toEqual(new Set([undefined]));
    else {
      expect(namespaces.size).toBe(1);
      expect(ofKind(docs(), 'Namespace').map((n) => n.metadata.name)).toEqual([...namespaces]);
    }
  });
});

describe('docker-compose.yml and the manifests', () => {
  const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, { image?: string; environment?: Record<string, string | number | boolean | null> }>;
  };
  const composeEnv = (name: string) =>
    Object.fromEntries(Object.entries(compose.services[name]?.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));

  describe.each(OVERLAYS.filter((o) => o !== 'deploy/k8s/base'))('%s', (dir) => {
    it.each(SERVICES.map((s) => [s.name] as const))('%s: the same image and the same variable names', (name) => {
      const c = mainContainer(docsOf(dir), name);
      expect(imageRepository(compose.services[name]?.image ?? '')).toBe(imageRepository(c?.image ?? ''));
      expect(Object.keys(composeEnv(name)).sort()).toEqual((c?.env ?? []).map((e) => e.name).sort());
    });

    it.each(SERVICES.map((s) => [s.name] as const))('%s: the same values where they must not differ by environment', (name) => {
      const docs = docsOf(dir);
      const c = mainContainer(docs, name);
      const env = composeEnv(name);
      // broker, store, log level, replication and secrets differ by environment; these do not
      const fixed = Object.keys(env).filter((k) => /^(PORT|HOST|NODE_ENV|MONGODB_DB|KAFKA_TOPIC_PREFIX|KAFKA_TOPIC_PARTITIONS|OPEN311_DEV_API_KEY|AUTH_SEED_DEV_USERS|COMPLAINT_TO_CASE_TARGET|[A-Z]+_URL)$/.test(k));
      expect(Object.fromEntries(fixed.map((k) => [k, envValue(docs, c, k)]))).toEqual(Object.fromEntries(fixed.map((k) => [k, env[k]])));
      // what compose demands from .env (${VAR:?…}) is a Secret in the cluster
      const fromDotEnv = Object.entries(env).filter(([, v]) => /^\$\{[A-Z_]+:\?/.test(v)).map(([k]) => k);
      const secret = fromDotEnv.filter((k) => c?.env?.find((e) => e.name === k)?.valueFrom?.secretKeyRef);
      expect(secret).toEqual(fromDotEnv);
    });
  });
});
