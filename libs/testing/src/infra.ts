import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';

/** Addresses of the broker and store the jest global setup started (or was given). */
export function testInfra(): { kafkaBrokers: string; mongoUri: string } {
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  const mongoUri = process.env.MONGODB_URI;
  if (!kafkaBrokers || !mongoUri) {
    throw new Error('KAFKA_BROKERS / MONGODB_URI are not set: run integration tests through jest with the shared preset (its global setup starts the infrastructure)');
  }
  return { kafkaBrokers, mongoUri };
}

/**
 * A fresh namespace per spec file: topic prefix, database names and consumer
 * groups derive from it, so spec files never see each other's data and no
 * global reset is needed.
 */
export function testNamespace(label: string): string {
  const clean = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 20);
  return `t-${clean}-${randomBytes(3).toString('hex')}`;
}

/** Database names allow no dots; keep them short for FerretDB's SQLite files. */
export function testDbName(namespace: string, service: string): string {
  return `${namespace}_${service}`.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 60);
}

/**
 * Drops a spec's database once nothing uses it any more: close the service first. FerretDB's
 * SQLite backend deletes the database file under connections still open on it, and a write arriving
 * after the drop recreates the file beside the old WAL sidecars; the store then crashes (SIGBUS in
 * the WAL index) or reports "database disk image is malformed" for other databases.
 */
export async function dropTestDatabase(dbName: string): Promise<void> {
  const conn = await mongoose.createConnection(testInfra().mongoUri, { dbName }).asPromise();
  try {
    await conn.dropDatabase();
  } finally {
    await conn.close();
  }
}
