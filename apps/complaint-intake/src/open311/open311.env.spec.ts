import { EnvValidationError, validateEnv } from '@pipeline/config';
import { IntakeEnv } from '../intake.env';
import { DEV_OPEN311_API_KEY } from './open311.env';

const production = {
  NODE_ENV: 'production',
  CALLER_DATA_KEY: Buffer.alloc(32, 1).toString('base64'),
  CALLER_REF_KEY: Buffer.alloc(32, 2).toString('base64'),
  AUTH_JWT_SECRET: Buffer.alloc(32, 3).toString('base64'),
};

const problems = (raw: Record<string, unknown>) => {
  try {
    validateEnv(IntakeEnv, raw);
    return [];
  } catch (err) {
    if (err instanceof EnvValidationError) return err.problems.map((p) => p.variable);
    throw err;
  }
};

describe('OPEN311_DEV_API_KEY', () => {
  it('defaults to the public development key outside production', () => {
    expect(validateEnv(IntakeEnv, {}).OPEN311_DEV_API_KEY).toBe(DEV_OPEN311_API_KEY);
    expect(problems({ OPEN311_DEV_API_KEY: 'none' })).toEqual([]);
    expect(problems({ OPEN311_DEV_API_KEY: 'short' })).toEqual(['OPEN311_DEV_API_KEY']);
  });

  it('is refused in production unless it is none', () => {
    expect(problems(production)).toEqual(['OPEN311_DEV_API_KEY']);
    expect(problems({ ...production, OPEN311_DEV_API_KEY: 'a-secret-of-our-own-0123456789' })).toEqual(['OPEN311_DEV_API_KEY']);
    expect(problems({ ...production, OPEN311_DEV_API_KEY: 'none' })).toEqual([]);
  });
});
