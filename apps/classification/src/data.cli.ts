// npm run migrate|backup|restore -- classification …: see docs/operations-data.md (started by tools/data/run.mjs).
import { validateEnv } from '@pipeline/config';
import { runDataCommand } from '@pipeline/mongo';
import { ClassificationEnv } from './classification.env';
import { CLASSIFICATION_MIGRATIONS } from './migrations';

void runDataCommand(
  { service: 'classification', loadEnv: () => validateEnv(ClassificationEnv, process.env), migrations: CLASSIFICATION_MIGRATIONS },
  process.argv.slice(2),
).then((code) => process.exit(code));
