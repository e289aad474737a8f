/**
 * Callers' phone numbers and names are personal information
 * (个人信息保护法): they are validated here (with the normalising rule the
 * console shares, from @pipeline/domain-terms), masked for display, and never
 * leave intake except as a keyed reference.
 */
import { normalisePhone } from '@pipeline/domain-terms';

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
