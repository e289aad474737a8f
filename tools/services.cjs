// The services of the system, their local ports and environment: shared by
// `npm start` and the end-to-end tests, so both run the same configuration.
const SERVICES = [
  { name: 'complaint-intake', port: 3001, db: 'complaint_intake' },
  { name: 'classification', port: 3002, db: 'classification' },
  { name: 'enforcement-case', port: 3003, db: 'enforcement_case' },
  { name: 'property-evaluation', port: 3004, db: 'property_evaluation' },
  { name: 'gateway', port: 3000, db: 'gateway' },
];

/**
 * Environment for one service. `ports` overrides the defaults (tests pick free
 * ports); `prefix` namespaces topics and groups; `dbPrefix` names databases.
 */
function serviceEnv(service, { kafkaBrokers, mongoUri, ports = {}, prefix = '', dbPrefix = '' }) {
  const port = (name) => ports[name] ?? SERVICES.find((s) => s.name === name).port;
  const env = { PORT: String(port(service.name)), HOST: '127.0.0.1' };
  const store = { MONGODB_URI: mongoUri, MONGODB_DB: dbPrefix ? `${dbPrefix}_${service.db}` : service.db };
  if (service.name === 'gateway') {
    return {
      ...env,
      ...store,
      INTAKE_URL: `http://127.0.0.1:${port('complaint-intake')}`,
      CLASSIFICATION_URL: `http://127.0.0.1:${port('classification')}`,
      CASE_URL: `http://127.0.0.1:${port('enforcement-case')}`,
      EVALUATION_URL: `http://127.0.0.1:${port('property-evaluation')}`,
    };
  }
  return {
    ...env,
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_TOPIC_PREFIX: prefix,
    ...store,
  };
}

module.exports = { SERVICES, serviceEnv };
