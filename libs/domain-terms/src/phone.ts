/**
 * A caller's phone number as intake accepts it. Shared so that the console
 * checks a number with intake's own rule while the operator types, and a
 * wrong digit is caught before the caller hangs up.
 */

/** Mainland mobile: 1[3-9] + 9 digits. */
const MOBILE = /^1[3-9]\d{9}$/;
/**
 * Landline: area code, then a 7–8 digit number. Area codes are three digits
 * for Beijing (010) and 02X cities, four elsewhere (Qingdao 0532), so the
 * boundary is known even without a dash.
 */
const LANDLINE = /^(010|02\d|0[3-9]\d{2})(\d{7,8})$/;

/** Strips spaces, dashes, brackets and a +86/0086 country prefix; null when not a valid number. */
export function normalisePhone(raw: string): string | null {
  let digits = raw.replace(/[\s\-()（）]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  if (!/^\d+$/.test(digits)) return null;
  if (MOBILE.test(digits)) return digits;
  const landline = LANDLINE.exec(digits);
  return landline ? `${landline[1]}-${landline[2]}` : null;
}
