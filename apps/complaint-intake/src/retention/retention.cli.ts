// npm run retention -- [--dry-run]: see docs/operations-data.md (started by tools/data/run.mjs).
import { validateEnv } from '@pipeline/config';
import { processIo } from '@pipeline/mongo';
import { IntakeEnv } from '../intake.env';
import { runRetentionCommand } from './retention.command';

void runRetentionCommand(process.argv.slice(2), () => validateEnv(IntakeEnv, process.env), processIo).then((code) => process.exit(code));
