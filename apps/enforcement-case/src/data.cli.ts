// npm run migrate|backup|restore -- enforcement-case …: see docs/operations-data.md (started by tools/data/run.mjs).
import { validateEnv } from '@pipeline/config';
import { runDataCommand } from '@pipeline/mongo';
import { CaseEnv } from './case.env';
import { CASE_MIGRATIONS } from './migrations';

void runDataCommand(
  { service: 'enforcement-case', loadEnv: () => validateEnv(CaseEnv, process.env), migrations: CASE_MIGRATIONS },
  process.argv.slice(2),
).then((code) => process.exit(code));
