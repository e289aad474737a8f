/**
 * The caller's phone as intake accepts it (apps/complaint-intake caller.rules):
 * a mainland mobile, or a landline with its area code. Checked while the
 * operator types so a wrong digit is caught before the caller hangs up.
 */
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(010|02\d|0[3-9]\d{2})(\d{7,8})$/;

/** Strips spaces, dashes, brackets and +86/0086; the normal form, or null when not a valid number. */
export function normalisePhone(raw: string): string | null {
  let digits = raw.replace(/[\s\-()（）]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  if (!/^\d+$/.test(digits)) return null;
  if (MOBILE.test(digits)) return digits;
  const landline = LANDLINE.exec(digits);
  return landline ? `${landline[1]}-${landline[2]}` : null;
}

export const PHONE_HINT = '请输入大陆手机号（如 13812341234）或带区号的固定电话（如 0532-88886666）';

/** An antd form rule's message for a phone field, or null when the value is fine (empty is fine: the field is optional). */
export function phoneProblem(raw: string | undefined | null): string | null {
  if (!raw || !raw.trim()) return null;
  return normalisePhone(raw) ? null : PHONE_HINT;
}
