import { shanghaiDateTime } from '@pipeline/calendar';
import { CATEGORIES, RESPONSIBLE_BODY_NAMES, isCategoryCode } from '@pipeline/contracts';
import { STATUS_LABELS } from '../complaint/complaint-status.rules';
import type { ComplaintRecord } from '../complaint/complaint.repository';
import type { ComplaintDeadline } from '../complaint/deadline.rules';
import { maskPhonesInText } from './open311-request.rules';

/** What the citizen is told about the handling time. */
export function serviceNotice(deadline: ComplaintDeadline): string {
  return deadline.label;
}

/**
 * A complaint as a GeoReport v2 service request. Picks public facts only:
 * the caller (even encrypted) is never read, and phone numbers written
 * into the text are masked (domain.md §7).
 */
export function serviceRequestView(c: ComplaintRecord, deadline: ComplaintDeadline) {
  const classified = c.classification?.category ?? null;
  const serviceCode = classified ?? (isCategoryCode(c.requestedCategory) ? c.requestedCategory : null);
  const attachment = c.attachments?.[0] ?? null;
  return {
    service_request_id: c._id,
    status: c.status === 'closed' ? ('closed' as const) : ('open' as const),
    status_notes: STATUS_LABELS[c.status],
    service_name: serviceCode ? CATEGORIES[serviceCode].name : null,
    service_code: serviceCode,
    description: maskPhonesInText(c.text),
    agency_responsible: c.classification ? RESPONSIBLE_BODY_NAMES[c.classification.responsibleBody] : null,
    service_notice: serviceNotice(deadline),
    requested_datetime: shanghaiDateTime(c.receivedAt),
    updated_datetime: shanghaiDateTime(c.updatedAt),
    expected_datetime: deadline.dueAt ? shanghaiDateTime(deadline.dueAt) : null,
    address: c.address,
    address_id: null,
    zipcode: null,
    lat: c.location?.lat ?? null,
    long: c.location?.lng ?? null,
    media_url: attachment?.url ?? null,
  };
}

export type ServiceRequestView = ReturnType<typeof serviceRequestView>;
