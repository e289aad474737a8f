/** The retention job's walk over closed complaints; declared by the schema, built by migration 0002. */
export const RETENTION_INDEX = { keys: { 'closure.at': 1, _id: 1 }, name: 'retention_closure_at' } as const;
