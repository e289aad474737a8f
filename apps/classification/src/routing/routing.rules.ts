import { RESPONSIBLE_BODY_NAMES, type ResponsibleBody } from '@pipeline/contracts';

/** Who handles a complaint, by code and by the name a clerk reads. */
export interface Routing {
  responsibleBody: ResponsibleBody;
  name: string;
}

/**
 * The responsible body and its name. Enforcement is organised by district,
 * so the squad is named after the complaint's district (市南区综合行政执法中队)
 * when the place is known; without a district the generic name stands
 * rather than a guess.
 */
export function routingFor(responsibleBody: ResponsibleBody, district: string | null | undefined): Routing {
  if (responsibleBody === 'district_enforcement_squad' && district) return { responsibleBody, name: `${district}综合行政执法中队` };
  return { responsibleBody, name: RESPONSIBLE_BODY_NAMES[responsibleBody] };
}
