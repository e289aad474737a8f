/** E11000 from MongoDB and FerretDB alike (FerretDB omits keyPattern/keyValue). */
export function isDuplicateKeyError(err: unknown): boolean {
  const e = err as { code?: number; writeErrors?: { code?: number }[]; message?: string } | null;
  if (!e) return false;
  if (e.code === 11000 || e.code === 11001) return true;
  if (e.writeErrors?.some((w) => w.code === 11000)) return true;
  return /E11000 duplicate key/.test(e.message ?? '');
}
