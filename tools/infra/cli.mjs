#!/usr/bin/env node
// npm run infra:up | infra:down | infra:status | infra:reset
// INFRA_PROFILE=test selects the test profile (other ports and data folder).
import { down, profile, reset, status, up } from './index.mjs';
import { InfraError } from './process.mjs';

const command = process.argv[2];
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? null;
if (onlyArg !== null && !['kafka', 'store'].includes(onlyArg)) {
  console.error('--only 的取值为 kafka 或 store');
  process.exit(2);
}
const p = profile();

try {
  switch (command) {
    case 'up': {
      const r = await up(p, console.log, onlyArg);
      console.log(`[infra] Kafka   ${r.kafkaBrokers}${r.externalKafka ? '（外部）' : ''}`);
      console.log(`[infra] FerretDB ${r.mongoUri}${r.externalMongo ? '（外部）' : ''}`);
      console.log(`[infra] 就绪，用时 ${r.seconds.toFixed(1)} 秒`);
      break;
    }
    case 'down': {
      const stopped = await down(p, onlyArg);
      console.log(stopped.length ? `[infra] 已停止：${stopped.join('、')}` : '[infra] 没有正在运行的基础设施');
      break;
    }
    case 'status': {
      const s = await status(p);
      console.log(JSON.stringify(s, null, 2));
      process.exitCode = s.kafka.ready && s.store.ready ? 0 : 1;
      break;
    }
    case 'reset':
      await reset(p);
      console.log(`[infra] 已停止并清空 ${p.home}`);
      break;
    default:
      console.error('用法：node tools/infra/cli.mjs up|down|status|reset [--only=kafka|store]');
      process.exitCode = 2;
  }
} catch (err) {
  console.error(err instanceof InfraError ? `[infra] ${err.message}` : err);
  process.exitCode = 1;
}
