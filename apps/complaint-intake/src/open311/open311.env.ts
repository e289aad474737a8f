import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Public, in this repository: lets a developer try the Open311 endpoints at once. */
export const DEV_OPEN311_API_KEY = 'dev-open311-key-qingdao-0001';
/** The value that seeds no development client. */
export const NO_DEV_OPEN311_CLIENT = 'none';

const KEY = /^[A-Za-z0-9._~-]{16,128}$/;

/**
 * The key of the development Open311 client seeded at start-up, or `none`.
 * Refused in production: there every civic app gets its own key from
 * POST /api/v1/open311/clients, stored only as a hash, and revocable.
 */
export function IsDevelopmentApiKey(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isDevelopmentApiKey',
      validator: {
        validate: (value: unknown, args) => {
          if (value === NO_DEV_OPEN311_CLIENT) return true;
          if ((args?.object as { NODE_ENV?: string }).NODE_ENV === 'production') return false;
          return typeof value === 'string' && KEY.test(value);
        },
        defaultMessage: (args) =>
          (args?.object as { NODE_ENV?: string }).NODE_ENV === 'production'
            ? `${args?.property} seeds a development client and is refused in production; set it to ${NO_DEV_OPEN311_CLIENT} and issue keys through POST /api/v1/open311/clients`
            : `${args?.property} must be ${NO_DEV_OPEN311_CLIENT} or 16–128 characters of A–Z a–z 0–9 . _ ~ -`,
      },
    },
    options,
  );
}
