/** The incident a record belongs to: its first report's id. Records written before incidentId existed have only repeatOf. */
export function incidentOf(r: { _id: string; repeatOf: string | null; incidentId?: string | null }): string {
  return r.incidentId ?? r.repeatOf ?? r._id;
}
