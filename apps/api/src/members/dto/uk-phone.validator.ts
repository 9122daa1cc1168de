import { registerDecorator, ValidationOptions } from 'class-validator';

/** Spaces, hyphens, dots and brackets people type in phone numbers. */
const SEPARATORS = /[\s\-().]/g;

/**
 * A UK number as people write it: 0 and 9 or 10 digits (01632 960 123, 07700 900123), or the
 * same in international form (+44 7700 900123, 0044 ...), with an optional "(0)".
 */
export function isUkPhone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 30) return false;
  if (!/^[\d\s\-().+]+$/.test(value)) return false;
  const digits = value.replace(/\(0\)/, '').replace(SEPARATORS, '');
  return /^(?:0|\+44|0044)[1-9]\d{8,9}$/.test(digits);
}

/**
 * The same number in international form (+447700900123), as a `tel:` URI writes it; null when
 * the value is not a UK number.
 */
export function ukPhoneInternational(value: string): string | null {
  if (!isUkPhone(value)) return null;
  const digits = value.replace(/\(0\)/, '').replace(SEPARATORS, '');
  return `+44${digits.replace(/^(?:0044|\+44|0)/, '')}`;
}

export function IsUkPhone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUkPhone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a UK phone number, e.g. 01632 960123 or +44 7700 900123', ...options },
      validator: { validate: isUkPhone },
    });
}
