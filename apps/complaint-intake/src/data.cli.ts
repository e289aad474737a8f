// npm run migrate|backup|restore -- complaint-intake …: see docs/operations-data.md (started by tools/data/run.mjs).
import { validateEnv } from '@pipeline/config';
import { runDataCommand } from '@pipeline/mongo';
import { IntakeEnv } from './intake.env';
import { INTAKE_MIGRATIONS } from './migrations';

void runDataCommand(
  { service: 'complaint-intake', loadEnv: () => validateEnv(IntakeEnv, process.env), migrations: INTAKE_MIGRATIONS },
  process.argv.slice(2),
).then((code) => process.exit(code));
