/**
 * The caller's phone field: checked with intake's own rule while the operator
 * types, so a wrong digit is caught before the caller hangs up.
 */
import { normalisePhone } from '@pipeline/domain-terms';

export const PHONE_HINT = '请输入大陆手机号（如 13812341234）或带区号的固定电话（如 0532-88886666）';

/** An antd form rule's message for a phone field, or null when the value is fine (empty is fine: the field is optional). */
export function phoneProblem(raw: string | undefined | null): string | null {
  if (!raw || !raw.trim()) return null;
  return normalisePhone(raw) ? null : PHONE_HINT;
}
