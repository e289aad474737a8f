/**
 * Callers' phone numbers and names are personal information
 * (个人信息保护法): they are validated and normalised here, masked for
 * display, and never leave intake except as a keyed reference.
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

export function isValidPhone(raw: unknown): boolean {
  return typeof raw === 'string' && normalisePhone(raw) !== null;
}

/** 13812341234 → 138****1234; 0532-88886666 → 0532-****6666. */
export function maskPhone(phone: string): string {
  const dash = phone.indexOf('-');
  if (dash >= 0) {
    const local = phone.slice(dash + 1);
    return `${phone.slice(0, dash + 1)}${'*'.repeat(Math.max(0, local.length - 4))}${local.slice(-4)}`;
  }
  return `${phone.slice(0, 3)}${'*'.repeat(Math.max(0, phone.length - 7))}${phone.slice(-4)}`;
}

/** 张三 → 张*; 欧阳娜娜 → 欧***; a one-character name stays as *. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}
