// The shapes the console reads, as the services answer them (checked by the
// browser tests against the running system; paths checked against /api/docs).

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface ComplaintListItem {
  id: string;
  status: string;
  statusLabel: string;
  channel: string;
  text: string;
  address: string | null;
  receivedAt: string;
  externalRef: string | null;
  category: string | null;
  categoryName: string | null;
  urgent: boolean;
  hotspotAreaId: string | null;
  communityId: string | null;
  caseId: string | null;
}

export interface ComplaintView {
  id: string;
  status: string;
  statusLabel: string;
  channel: string;
  channelLabel: string;
  text: string;
  address: string | null;
  location: { lat: number; lng: number } | null;
  reportedAt: string;
  receivedAt: string;
  externalRef: string | null;
  attachments: { url: string; contentType: string }[];
  // anonymised: erased after the retention period; name then reads 已按保存期限匿名化
  caller: { name: string | null; phone: string | null; anonymous: boolean; masked: boolean; anonymised?: boolean } | null;
  classification: {
    category: string;
    categoryName: string;
    enforceable: boolean;
    urgent: boolean;
    hotspotAreaId: string | null;
    hotspotAreaName: string | null;
    communityId: string | null;
    communityName: string | null;
    district: string | null;
    responsibleBodyName: string;
    needsReview: boolean;
    classifiedAt: string;
  } | null;
  repeatOf: string | null;
  outcome: { outcome: string; reason: string; decidedAt: string } | null;
  case: { caseId: string; state: string; stateLabel: string } | null;
  closure: { resolution?: string; at?: string; by?: string } | null;
  lastCallback: { resolved: boolean; satisfaction: string; satisfactionLabel: string; notes?: string; at?: string } | null;
  deadline: { kind: string; label: string; dueAt: string | null; overdue: boolean; dueSoon: boolean; note?: string } | null;
  timeline: { at: string; kind: string; title: string; detail: string | null; source: string }[];
  updatedAt: string;
}

export interface ClassifyPreview {
  category: string;
  enforceable: boolean;
  urgent: boolean;
  confidence: { category: number; enforceable: number; urgent: number };
  hotspotAreaId: string | null;
  communityId: string | null;
  district: string | null;
  placeMethod: string | null;
  needsReview: boolean;
  explanation: { category: string[]; place: string[] };
  routing: { responsibleBody: string; name: string };
  possibleRepeats: { id: string; reportedAt: string; excerpt: string; score: number; linked: boolean; repeatOf: string; reasons: string[] }[];
}

export interface CaseDeadline {
  id: string;
  name: string;
  trigger: string;
  dueAt: string | null;
  status: string;
  completedAt: string | null;
  note?: string;
  bearer?: string;
  amount?: number;
  dayType?: string;
}

export interface CaseHistoryEntry {
  action: string;
  from: string;
  to: string;
  at: string;
  actor?: string;
  actorId?: string;
  reason?: string | null;
  executionResult?: string | null;
  officers?: { id: string; name?: string; certificateNo: string }[];
  documents?: { kind: string; ref: string }[];
  label?: string;
}

export interface CaseSummary {
  _id: string;
  complaintIds: string[];
  category: string;
  procedure: 'general' | 'simple';
  state: string;
  stateLabel?: string;
  hotspotAreaId: string | null;
  communityId: string | null;
  district: string | null;
  urgent: boolean;
  squadId: string | null;
  openedAt: string;
  breachedDeadlines: string[];
  history: CaseHistoryEntry[];
}

export interface CaseView extends CaseSummary {
  stateLabel: string;
  allowedActions: { action: string; to: string; label: string }[];
  deadlines: CaseDeadline[];
  extensions: { deadline: string; days: number; approvedBy: string; approvalRef: string }[];
  snapshot: { officers: { id: string; name?: string; certificateNo: string }[]; decision: unknown; partyType: string | null };
}

export interface Candidate {
  complaintId: string;
  category: string;
  categoryName: string;
  urgent: boolean;
  enforceable: boolean;
  hotspotAreaId: string | null;
  communityId: string | null;
  district: string | null;
  repeatOf: string | null;
  reason: string;
  ruleVersion: number;
  ruleExplanation?: string | string[] | null;
  receivedAt: string;
  checkDueAt: string | null;
  overdue: boolean;
  note?: string;
}

export interface Squad {
  squadId: string;
  name: string;
  district: string;
  capacity: number;
  open: number;
  overdue: number;
  closed: number;
}

export interface MetricRow {
  hotspotAreaId?: string;
  district?: string;
  communityId?: string;
  category?: string;
  week?: string;
  name?: string;
  complaints: number;
  converted: number;
  cases: number;
  rate: number | null;
  met: boolean;
  [key: string]: unknown;
}

export interface MetricAnswer {
  target: number;
  definition: string;
  period: { from: string; to: string; cutoff: string };
  groupBy: string;
  rows: MetricRow[];
  total?: MetricRow;
  [key: string]: unknown;
}

export interface Community {
  _id: string;
  name: string;
  district: string;
  subdistrict: string;
  households: number;
  builtYear: number;
  propertyCompanyId: string;
  hotspotAreaId: string | null;
  onFocusList: boolean;
}

export interface SchemeParty {
  code: string;
  name: string;
  instrument: 'survey' | 'submission' | 'pipeline' | string;
  instrumentName: string;
  weight: number;
  indicators: { code: string; name: string; category: string; maxScore: number; deductionPerFault: number | null; guidance: string }[];
  mayReportVeto: boolean;
}

export interface Scheme {
  version: number;
  scheme: { version: number; name: string; description: string; parties: SchemeParty[]; [key: string]: unknown };
  createdBy?: string;
  createdAt?: string;
}

export interface UserRecord {
  username: string;
  name: string;
  roles: string[];
  communities?: string[];
  squadId?: string;
  disabled: boolean;
  development?: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface AuditEntry {
  _id?: string;
  at: string;
  actor: string;
  action?: string;
  method?: string;
  path?: string;
  status?: number;
  [key: string]: unknown;
}
