// npm run migrate|backup|restore -- gateway …: see docs/operations-data.md (started by tools/data/run.mjs).
import { validateEnv } from '@pipeline/config';
import { runDataCommand } from '@pipeline/mongo';
import { GatewayEnv } from './gateway.env';
// no migrations yet: the store is still in its first shape

void runDataCommand(
  { service: 'gateway', loadEnv: () => validateEnv(GatewayEnv, process.env), migrations: [] },
  process.argv.slice(2),
).then((code) => process.exit(code));
