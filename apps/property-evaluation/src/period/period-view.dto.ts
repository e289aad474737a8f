import type { PeriodStatus } from './period.schema';

// A period as the API answers it: the view is this class, so the OpenAPI
// document (and the console's types) describe what the service returns.

export class PeriodViewDto {
  /** The quarter, e.g. 2025Q1. */
  readonly period!: string;
  readonly schemeVersion!: number;
  readonly status!: PeriodStatus;
  readonly statusLabel!: string;
  readonly openedBy!: string;
  readonly openedAt!: Date;
  readonly closedBy!: string | null;
  readonly closedAt!: Date | null;
}

/** What closing a period published: counts by grade and card, who is incomplete and who leaves the focus list. */
export class PeriodClosedDto {
  readonly period!: string;
  readonly closedAt!: Date | null;
  readonly closedBy!: string | null;
  readonly communities!: number;
  /** Communities per grade name. */
  readonly grades!: Record<string, number>;
  /** Communities per card. */
  readonly cards!: Record<string, number>;
  readonly incomplete!: string[];
  readonly leavingFocusList!: string[];
}
