// npm run migrate|backup|restore -- property-evaluation …: see docs/operations-data.md (started by tools/data/run.mjs).
import { validateEnv } from '@pipeline/config';
import { runDataCommand } from '@pipeline/mongo';
import { EvaluationEnv } from './evaluation.env';
// no migrations yet: the store is still in its first shape

void runDataCommand(
  { service: 'property-evaluation', loadEnv: () => validateEnv(EvaluationEnv, process.env), migrations: [] },
  process.argv.slice(2),
).then((code) => process.exit(code));
