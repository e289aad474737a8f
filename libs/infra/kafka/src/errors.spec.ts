import { PermanentEventError, isTransientError } from './errors';

/** An error shaped as the drivers throw them. */
const driverError = (name: string, message: string, extra: object = {}) => Object.assign(new Error(message), { name, ...extra });

describe('which failures are retried without limit', () => {
  it('retries an unreachable store or broker', () => {
    expect(isTransientError(driverError('MongoServerSelectionError', 'connect ECONNREFUSED 127.0.0.1:27017'))).toBe(true);
    expect(isTransientError(driverError('KafkaJSConnectionError', 'Connection error'))).toBe(true);
    expect(isTransientError(driverError('Error', 'socket hang up', { code: 'ECONNRESET' }))).toBe(true);
    expect(isTransientError(driverError('MongooseError', 'Client must be connected before running operations'))).toBe(true);
  });

  it('retries a store that is busy or changing primaries rather than dead-lettering the event', () => {
    const busy = '[msg_update.go:133 handler.(*Handler).updateDocument] [collection.go:191 sqlite.(*collection).UpdateAll] database is locked (5) (SQLITE_BUSY)';
    expect(isTransientError(driverError('MongoServerError', busy))).toBe(true);
    expect(isTransientError(driverError('MongoServerError', 'WriteConflict', { code: 112 }))).toBe(true);
    expect(isTransientError(driverError('MongoServerError', 'not primary', { code: 10107 }))).toBe(true);
    // wrapped by a repository
    expect(isTransientError(Object.assign(new Error('save failed'), { cause: driverError('MongoServerError', busy) }))).toBe(true);
  });

  it('does not retry forever what will fail again', () => {
    expect(isTransientError(driverError('MongoServerError', 'E11000 duplicate key error', { code: 11000 }))).toBe(false);
    expect(isTransientError(driverError('MongoServerError', 'unknown operator: $foo', { code: 2 }))).toBe(false);
    expect(isTransientError(new PermanentEventError('RULE', 'breaks a rule'))).toBe(false);
    expect(isTransientError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(isTransientError(null)).toBe(false);
  });
});
