import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One labeled ticket of complaints.public.jsonl (see /work/shared/data/README.md). */
export interface PublicComplaint {
  id: string;
  channel: 'hotline' | 'app' | 'web' | 'wechat';
  reportedAt: string;
  text: string;
  address: string | null;
  location: { lat: number; lng: number } | null;
  caller: { name: string; phone: string; anonymous: boolean } | null;
  externalRef: string | null;
  labels: {
    category: string;
    enforceable: boolean;
    urgent: boolean;
    hotspotAreaId: string | null;
    communityId: string | null;
    repeatOf: string | null;
  };
}

/**
 * Absolute path of the labeled public tickets. For tests and tools only: the
 * file is not bundled, so inside a built service this path does not exist.
 */
export function publicComplaintsPath(): string {
  return join(__dirname, 'data', 'complaints.public.jsonl');
}

/** Reads and parses the labeled public tickets. For tests and tools only. */
export function readPublicComplaints(): PublicComplaint[] {
  return readFileSync(publicComplaintsPath(), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as PublicComplaint);
}
